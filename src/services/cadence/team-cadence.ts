/** A team's check-in cadence: read by everyone in the organisation, set by its leads and champions. */
import type { TeamCadence, UpdateTeamCadenceBody } from '../../contracts/api/cadence.ts';
import { authorize, can, type Actor } from '../../policy/policy.ts';
import { effectiveSettings } from '../../presenters/organisation.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { deleteTeamCadence, findTeamCadence, saveTeamCadence } from '../../repositories/cadence.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

async function load(db: Db, actor: Actor, teamId: string): Promise<TeamCadence> {
  const team = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('org_id', '=', actor.orgId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team) throw notFound('team');
  const org = await db
    .selectFrom('organisations')
    .select('settings')
    .where('id', '=', actor.orgId)
    .executeTakeFirstOrThrow();
  const settings = effectiveSettings(org.settings);
  const own = await findTeamCadence(db, actor.orgId, teamId);
  return {
    teamId: team.id,
    teamName: team.name,
    ownCadence: own !== undefined,
    checkInCadenceDays: own?.check_in_cadence_days ?? settings.checkInCadenceDays,
    checkInWeekday: own?.check_in_weekday ?? settings.checkInWeekday,
    organisation: {
      checkInCadenceDays: settings.checkInCadenceDays,
      checkInWeekday: settings.checkInWeekday,
    },
    version: own?.version ?? 0,
    abilities: { canEdit: can(actor, 'cadence.manage', { type: 'team', teamId }) },
  };
}

export async function teamCadence(ctx: ServiceContext, teamId: string): Promise<TeamCadence> {
  return load(ctx.connection.db, ctx.actor, teamId);
}

/** Sets the team's own cadence, or returns it to the organisation's; audited. */
export async function updateTeamCadence(
  ctx: ServiceContext,
  teamId: string,
  body: UpdateTeamCadenceBody,
): Promise<TeamCadence> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await load(trx, actor, teamId);
    authorize(actor, 'cadence.manage', { type: 'team', teamId });
    if ('followOrganisation' in body) {
      await deleteTeamCadence(trx, actor.orgId, teamId);
    } else {
      await saveTeamCadence(trx, {
        team_id: teamId,
        org_id: actor.orgId,
        check_in_cadence_days: body.checkInCadenceDays,
        check_in_weekday: body.checkInWeekday,
        updated_at: ctx.now.toISOString(),
      });
    }
    const after = await load(trx, actor, teamId);
    const shape = (c: TeamCadence) => ({
      ownCadence: c.ownCadence,
      checkInCadenceDays: c.checkInCadenceDays,
      checkInWeekday: c.checkInWeekday,
    });
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'team_cadence.updated',
      objectType: 'team',
      objectId: teamId,
      before: shape(before),
      after: shape(after),
      at: ctx.now,
    });
    return after;
  });
}
