/** Putting people in teams, making them lead, taking them out (admins: `people.manage`). */
import type { TeamDetailView } from '../../contracts/api/people.ts';
import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { isMember } from '../../repositories/people.ts';
import {
  bumpTeamVersion,
  findTeamMembership,
  findTeamRecord,
  removeTeamMembership,
  setTeamMembership,
} from '../../repositories/teams.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';
import { loadTeamDetail } from './teams.ts';

/**
 * Adds a member of the organisation to the team, or changes whether they lead it (idempotent).
 * The team's version moves on, since its member list changed.
 */
export async function setTeamMember(
  ctx: ServiceContext,
  teamId: string,
  userId: string,
  isLead: boolean,
): Promise<TeamDetailView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const team = await findTeamRecord(trx, actor.orgId, teamId);
    if (!team) throw notFound('team');
    if (!(await isMember(trx, actor.orgId, userId))) throw notFound('member');
    authorize(actor, 'people.manage', { type: 'organisation' });
    const before = await findTeamMembership(trx, actor.orgId, teamId, userId);
    if (before?.isLead !== isLead) {
      await setTeamMembership(trx, actor.orgId, teamId, userId, isLead, before !== undefined);
      await bumpTeamVersion(trx, actor.orgId, teamId);
      await recordAudit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: before ? 'team.member_updated' : 'team.member_added',
        objectType: 'team',
        objectId: teamId,
        before: before ? { userId, isLead: before.isLead } : undefined,
        after: { userId, isLead },
        at: ctx.now,
      });
    }
    return loadTeamDetail(trx, ctx, teamId);
  });
}

/** Takes the person out of the team; 404 when they are not in it. */
export async function removeTeamMember(
  ctx: ServiceContext,
  teamId: string,
  userId: string,
): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const team = await findTeamRecord(trx, actor.orgId, teamId);
    if (!team) throw notFound('team');
    authorize(actor, 'people.manage', { type: 'organisation' });
    const before = await findTeamMembership(trx, actor.orgId, teamId, userId);
    if (!before) throw notFound('team member');
    await removeTeamMembership(trx, actor.orgId, teamId, userId);
    await bumpTeamVersion(trx, actor.orgId, teamId);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'team.member_removed',
      objectType: 'team',
      objectId: teamId,
      before: { userId, isLead: before.isLead },
      at: ctx.now,
    });
  });
}
