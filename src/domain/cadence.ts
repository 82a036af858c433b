/**
 * Check-in cadence: when a key result is due, how many check-ins were missed, when it is stale,
 * and who must be told. Pure functions of instants; the nudge job (src/services/jobs/) applies
 * them once an hour.
 *
 * The anchor is the key result's last check-in (or its creation when it never had one). A key
 * result is due one cadence after its anchor; each further cadence without a check-in is one
 * more missed check-in. Reminders go to the owner once per due period; after
 * `escalateAfterMisses` missed check-ins the owner's team leads are told, after
 * `championsAfterMisses` the champions (each once until the owner checks in again).
 */

export const DAY_MS = 86_400_000;

export interface Cadence {
  /** Days between expected check-ins (7: weekly, 14: every two weeks). */
  checkInCadenceDays: number;
  /** The day reminders go out, ISO numbering: 1 = Monday … 7 = Sunday. */
  checkInWeekday: number;
}

export interface EscalationRule {
  escalateAfterMisses: number;
  championsAfterMisses: number;
}

export type NudgeLevel = 'reminder' | 'lead' | 'champion';

/** Cadence periods that ended since the anchor without a check-in (0 before the first is due). */
export function missedCheckIns(anchorMs: number, nowMs: number, cadenceDays: number): number {
  if (nowMs <= anchorMs) return 0;
  return Math.floor((nowMs - anchorMs) / (cadenceDays * DAY_MS));
}

/** When the next check-in is expected. */
export function dueAt(anchorMs: number, cadenceDays: number): number {
  return anchorMs + cadenceDays * DAY_MS;
}

export function isDue(anchorMs: number, nowMs: number, cadenceDays: number): boolean {
  return nowMs >= dueAt(anchorMs, cadenceDays);
}

/** Stale: no check-in for `staleAfterDays` days or more. */
export function isStale(anchorMs: number, nowMs: number, staleAfterDays: number): boolean {
  return nowMs - anchorMs >= staleAfterDays * DAY_MS;
}

/** The ISO weekday of an instant in UTC (1 = Monday … 7 = Sunday). */
export function isoWeekday(ms: number): number {
  const day = new Date(ms).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday (UTC, 'YYYY-MM-DD') of the week an instant falls in: a digest's week. */
export function weekOf(ms: number): string {
  const monday = ms - (isoWeekday(ms) - 1) * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Who is to be told about this many missed check-ins (each level once per anchor or period). */
export function nudgeLevels(missed: number, rule: EscalationRule): NudgeLevel[] {
  const levels: NudgeLevel[] = [];
  if (missed >= 1) levels.push('reminder');
  if (missed >= rule.escalateAfterMisses) levels.push('lead');
  if (missed >= rule.championsAfterMisses) levels.push('champion');
  return levels;
}

/**
 * The key under which a nudge is remembered as sent: a reminder once per due period (a new
 * one each cadence the owner still has not checked in), an escalation once per anchor.
 */
export function nudgePeriod(level: NudgeLevel, anchorMs: number, missed: number): string {
  const anchor = new Date(anchorMs).toISOString();
  return level === 'reminder' ? `${anchor}#${missed}` : anchor;
}
