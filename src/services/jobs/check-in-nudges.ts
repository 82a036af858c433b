/**
 * Check-in reminders and escalations, run hourly. On a team's cadence day (its own cadence, or
 * the organisation's) the owner of each key result that is due gets a `reminder` (once per due
 * period); after the organisation's `escalateAfterMisses` missed check-ins the owner's team leads
 * get an `escalation`, after `championsAfterMisses` the champions do (each once until the owner
 * checks in). Leads and champions are told only about objectives they may read.
 */
import {
  isoWeekday,
  isStale,
  missedCheckIns,
  nudgeLevels,
  nudgePeriod,
  type Cadence,
  type NudgeLevel,
} from '../../domain/cadence.ts';
import { can } from '../../policy/policy.ts';
import { effectiveSettings } from '../../presenters/organisation.ts';
import {
  keyResultsExpectingCheckIns,
  namesOf,
  organisationsWithSettings,
  recordNudge,
  teamCadences,
} from '../../repositories/cadence.ts';
import { loadObjectives } from '../../repositories/objective-facts.ts';
import { inTransaction } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { loadOrgPeople } from './org-actors.ts';
import type { Job, JobContext } from './scheduler.ts';

interface PlannedNudge {
  keyResult: Awaited<ReturnType<typeof keyResultsExpectingCheckIns>>[number];
  ownerId: string;
  missed: number;
  anchorMs: number;
  cadence: Cadence;
  levels: NudgeLevel[];
}

/** Sends what is due in every organisation; answers how many notifications were made. */
export async function runCheckInNudges(ctx: JobContext): Promise<number> {
  const { db } = ctx.connection;
  const nowMs = ctx.now.getTime();
  let made = 0;
  for (const org of await organisationsWithSettings(db)) {
    const settings = effectiveSettings(org.settings);
    const orgCadence: Cadence = {
      checkInCadenceDays: settings.checkInCadenceDays,
      checkInWeekday: settings.checkInWeekday,
    };
    const byTeam = new Map(
      (await teamCadences(db, org.id)).map((row) => [
        row.team_id,
        { checkInCadenceDays: row.check_in_cadence_days, checkInWeekday: row.check_in_weekday },
      ]),
    );
    const people = await loadOrgPeople(db, org.id);
    const planned: PlannedNudge[] = [];
    for (const keyResult of await keyResultsExpectingCheckIns(db, org.id)) {
      const ownerId = keyResult.kr_owner_id ?? keyResult.objective_owner_id;
      if (!ownerId) continue;
      const team = keyResult.team_id ?? people.teamsOf(ownerId)[0];
      const cadence = (team !== undefined ? byTeam.get(team) : undefined) ?? orgCadence;
      if (isoWeekday(nowMs) !== cadence.checkInWeekday) continue;
      const anchorMs = Date.parse(keyResult.last_check_in_at ?? keyResult.created_at);
      const missed = missedCheckIns(anchorMs, nowMs, cadence.checkInCadenceDays);
      const levels = nudgeLevels(missed, settings);
      if (levels.length > 0)
        planned.push({ keyResult, ownerId, missed, anchorMs, cadence, levels });
    }
    if (planned.length === 0) continue;
    const objectives = await loadObjectives(db, org.id, [
      ...new Set(planned.map((p) => p.keyResult.objective_id)),
    ]);
    const names = await namesOf(db, [...new Set(planned.map((p) => p.ownerId))]);
    for (const nudge of planned) {
      const objective = objectives.get(nudge.keyResult.objective_id);
      if (!objective) continue;
      const readable = (userIds: string[]) =>
        userIds.filter((userId) =>
          can(people.actorOf(userId), 'objective.read', {
            type: 'objective',
            objective: objective.facts,
          }),
        );
      const { keyResult, missed } = nudge;
      const ownerName = names.get(nudge.ownerId) ?? 'Someone';
      const days = Math.floor((nowMs - nudge.anchorMs) / 86_400_000);
      const stale = isStale(nudge.anchorMs, nowMs, settings.staleAfterDays);
      const since = keyResult.last_check_in_at
        ? `Last check-in ${days} days ago`
        : `No check-in in the ${days} days since it was added`;
      const link = `/objectives/${keyResult.objective_id}`;
      const subject = { type: 'key_result', id: keyResult.id };
      made += await inTransaction(ctx, async (trx) => {
        let count = 0;
        for (const level of nudge.levels) {
          const fresh = await recordNudge(trx, {
            key_result_id: keyResult.id,
            org_id: org.id,
            level,
            period: nudgePeriod(level, nudge.anchorMs, missed),
            sent_at: ctx.now.toISOString(),
          });
          if (!fresh) continue;
          const missedText = `${missed} missed check-in${missed === 1 ? '' : 's'}`;
          const base = { orgId: org.id, actorId: null, link, subject, at: ctx.now };
          if (level === 'reminder') {
            count += await notify(trx, {
              ...base,
              kind: 'reminder',
              recipients: readable([nudge.ownerId]),
              title: `Check-in due: ${keyResult.title}`,
              body: `${since}${stale ? ' — it is stale' : ''}; check-ins are expected every ${nudge.cadence.checkInCadenceDays} days. Objective: ${keyResult.objective_title}.`,
            });
          } else {
            count += await notify(trx, {
              ...base,
              kind: 'escalation',
              recipients: readable(
                level === 'lead' ? people.leadsOf(nudge.ownerId) : people.champions,
              ),
              title: `${ownerName} has ${missedText} on "${keyResult.title}"`,
              body: `${since}. Objective: ${keyResult.objective_title}. ${
                level === 'lead'
                  ? 'You are told as a lead of their team.'
                  : 'You are told as a champion: their team leads were told before.'
              }`,
            });
          }
        }
        return count;
      });
    }
  }
  return made;
}

export const checkInNudgesJob: Job = {
  name: 'check-in-nudges',
  everyMs: 60 * 60_000,
  leaseMs: 10 * 60_000,
  run: async (ctx) => {
    await runCheckInNudges(ctx);
  },
};
