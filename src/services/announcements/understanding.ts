/**
 * Understanding: who of an announcement's recipients acknowledged it, by team, who has not, and
 * a reminder to them (at most once per REMINDER_INTERVAL_HOURS); per company objective, the share
 * of the organisation's people who acknowledged an announcement about it.
 */
import type {
  ObjectiveUnderstandingView,
  UnderstandingView,
} from '../../contracts/api/announcements.ts';
import { AppError } from '../../contracts/app-error.ts';
import {
  acknowledgementRates,
  nextReminderAt,
  REMINDER_INTERVAL_HOURS,
  type Rates,
} from '../../domain/understanding.ts';
import { authorize, listScope } from '../../policy/policy.ts';
import {
  acknowledgers,
  announcementsAbout,
  companyObjectives,
  markReminded,
  peopleWithTeams,
} from '../../repositories/announcements.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { teamNames } from '../../repositories/objectives.ts';
import { notify } from '../notifications/notify.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { readableAnnouncement } from './announcements.ts';

async function byTeamView(db: Db, orgId: string, rates: Rates) {
  const names = await teamNames(
    db,
    orgId,
    rates.byTeam.map((r) => r.teamId),
  );
  return rates.byTeam.map((row) => ({
    team: row.teamId === null ? null : { id: row.teamId, name: names.get(row.teamId) ?? '' },
    recipients: row.recipients,
    acknowledged: row.acknowledged,
    rate: row.rate,
  }));
}

/** The rates of one announcement and who has not acknowledged it. */
async function ratesOf(db: Db, orgId: string, id: string, audience: string, teamIds: string[]) {
  const people = await peopleWithTeams(db, orgId, audience === 'teams' ? teamIds : undefined);
  const done = new Set((await acknowledgers(db, orgId, [id])).map((r) => r.user_id));
  const rates = acknowledgementRates(people, done);
  const names = new Map(people.map((p) => [p.userId, p.name]));
  return { rates, names };
}

/** Rates overall and by team, and who has not acknowledged (`understanding.read`). */
export async function announcementUnderstanding(
  ctx: ServiceContext,
  id: string,
): Promise<UnderstandingView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const { row, teams, recipient } = await readableAnnouncement(db, actor, id);
  authorize(actor, 'understanding.read', { type: 'announcement', recipient });
  const { rates, names } = await ratesOf(
    db,
    actor.orgId,
    id,
    row.audience,
    teams.map((t) => t.id),
  );
  const next = nextReminderAt(row.reminded_at ? new Date(row.reminded_at) : null, ctx.now);
  return {
    announcementId: id,
    recipients: rates.recipients,
    acknowledged: rates.acknowledged,
    rate: rates.rate,
    byTeam: await byTeamView(db, actor.orgId, rates),
    notAcknowledged: rates.notAcknowledged.map((userId) => ({
      id: userId,
      name: names.get(userId) ?? '',
    })),
    remindedAt: row.reminded_at,
    nextReminderAt: next?.toISOString() ?? null,
  };
}

/**
 * Reminds everyone who has not acknowledged (a `reminder` notification each), audited; 409 when
 * the last reminder of this announcement is less than REMINDER_INTERVAL_HOURS old.
 */
export async function remindAnnouncement(
  ctx: ServiceContext,
  id: string,
): Promise<{ reminded: number; remindedAt: string; nextReminderAt: string }> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { row, teams, recipient } = await readableAnnouncement(trx, actor, id);
    authorize(actor, 'understanding.read', { type: 'announcement', recipient });
    if (row.withdrawn_at !== null)
      throw new AppError('conflict', 'This announcement was withdrawn.');
    const at = ctx.now.toISOString();
    const notBefore = new Date(
      ctx.now.getTime() - REMINDER_INTERVAL_HOURS * 3_600_000,
    ).toISOString();
    const next = nextReminderAt(row.reminded_at ? new Date(row.reminded_at) : null, ctx.now);
    if (next || !(await markReminded(trx, actor.orgId, id, at, notBefore))) {
      throw new AppError(
        'conflict',
        `A reminder was sent less than ${REMINDER_INTERVAL_HOURS} hours ago; the next one is possible from ${next?.toISOString() ?? 'later'}.`,
      );
    }
    const { rates } = await ratesOf(
      trx,
      actor.orgId,
      id,
      row.audience,
      teams.map((t) => t.id),
    );
    const reminded = await notify(trx, {
      orgId: actor.orgId,
      kind: 'reminder',
      actorId: actor.userId,
      recipients: rates.notAcknowledged,
      title: `Please read: ${row.title}`,
      body: 'You have not yet acknowledged this announcement. Read it and tell us you have understood it.',
      link: `/announcements/${id}`,
      subject: { type: 'announcement', id },
      at: ctx.now,
    });
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'announcement.reminded',
      objectType: 'announcement',
      objectId: id,
      before: { remindedAt: row.reminded_at },
      after: { remindedAt: at, reminded: rates.notAcknowledged },
      at: ctx.now,
    });
    const nextAt = new Date(ctx.now.getTime() + REMINDER_INTERVAL_HOURS * 3_600_000);
    return { reminded, remindedAt: at, nextReminderAt: nextAt.toISOString() };
  });
}

/**
 * Per company objective the caller may read: of the organisation's people (by team), how many
 * acknowledged at least one announcement (not withdrawn) about it.
 */
export async function objectiveUnderstanding(
  ctx: ServiceContext,
  cycleId: string | undefined,
): Promise<ObjectiveUnderstandingView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  authorize(actor, 'understanding.read', { type: 'announcement', recipient: false });
  const objectives = await companyObjectives(db, listScope(actor), cycleId);
  const links = await announcementsAbout(
    db,
    actor.orgId,
    objectives.map((o) => o.id),
  );
  const announcementIds = [...new Set(links.map((l) => l.announcement_id))];
  const acks = await acknowledgers(db, actor.orgId, announcementIds);
  const people = await peopleWithTeams(db, actor.orgId);
  const items = [];
  for (const objective of objectives) {
    const about = new Set(
      links.filter((l) => l.objective_id === objective.id).map((l) => l.announcement_id),
    );
    const done = new Set(acks.filter((a) => about.has(a.announcement_id)).map((a) => a.user_id));
    const rates = acknowledgementRates(people, done);
    items.push({
      objective: { id: objective.id, title: objective.title, cycleId: objective.cycle_id },
      announcements: about.size,
      people: rates.recipients,
      acknowledged: rates.acknowledged,
      rate: rates.rate,
      byTeam: await byTeamView(db, actor.orgId, rates),
    });
  }
  return { items };
}
