/**
 * Understanding: who of the people told something acknowledged it, overall and by team, and how
 * often the others may be reminded. Pure: the services load the people and acknowledgements.
 */

/** Reminders of one announcement are at most this often. */
export const REMINDER_INTERVAL_HOURS = 24;

export interface Recipient {
  userId: string;
  /** Teams the person is in; none puts them in the "no team" row. */
  teamIds: readonly string[];
}

export interface TeamRate {
  /** null: people in no team. */
  teamId: string | null;
  recipients: number;
  acknowledged: number;
  rate: number;
}

export interface Rates {
  recipients: number;
  acknowledged: number;
  rate: number;
  /** One row per team with recipients (a person in two teams counts in both), most behind first. */
  byTeam: TeamRate[];
  /** Recipients who have not acknowledged, in the order given. */
  notAcknowledged: string[];
}

const rateOf = (acknowledged: number, recipients: number) =>
  recipients === 0 ? 0 : acknowledged / recipients;

/**
 * Acknowledgement rates of `recipients` (each counted once overall), given who acknowledged.
 * Acknowledgements by people who are not recipients do not count.
 */
export function acknowledgementRates(
  recipients: readonly Recipient[],
  acknowledged: ReadonlySet<string>,
): Rates {
  const seen = new Set<string>();
  const teams = new Map<string | null, { recipients: number; acknowledged: number }>();
  const notAcknowledged: string[] = [];
  let count = 0;
  for (const person of recipients) {
    if (seen.has(person.userId)) continue;
    seen.add(person.userId);
    const done = acknowledged.has(person.userId);
    if (done) count += 1;
    else notAcknowledged.push(person.userId);
    const keys = person.teamIds.length > 0 ? [...new Set(person.teamIds)] : [null];
    for (const key of keys) {
      const row = teams.get(key) ?? { recipients: 0, acknowledged: 0 };
      row.recipients += 1;
      if (done) row.acknowledged += 1;
      teams.set(key, row);
    }
  }
  const byTeam = [...teams.entries()]
    .map(([teamId, row]) => ({ teamId, ...row, rate: rateOf(row.acknowledged, row.recipients) }))
    .sort((a, b) => a.rate - b.rate || b.recipients - a.recipients);
  return {
    recipients: seen.size,
    acknowledged: count,
    rate: rateOf(count, seen.size),
    byTeam,
    notAcknowledged,
  };
}

/** When the next reminder may be sent: null when it may be sent at `now`. */
export function nextReminderAt(
  remindedAt: Date | null,
  now: Date,
  hours = REMINDER_INTERVAL_HOURS,
): Date | null {
  if (remindedAt === null) return null;
  const next = new Date(remindedAt.getTime() + hours * 3_600_000);
  return next.getTime() > now.getTime() ? next : null;
}
