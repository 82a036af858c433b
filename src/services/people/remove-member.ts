/** Removing someone from the organisation (admins only; never the last admin). */
import { presentMember, memberSnapshot } from '../../presenters/people.ts';
import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { deleteMembership, findMemberRecord } from '../../repositories/people.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';
import { keepAnAdmin } from './update-member.ts';

/**
 * Deletes the membership with its roles and team memberships in this organisation. The person's
 * account, and what they wrote or own, stays. 409 when they are the last admin.
 */
export async function removeMember(
  ctx: ServiceContext,
  userId: string,
  expected: number,
): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const before = await findMemberRecord(trx, actor.orgId, userId);
    if (!before) throw notFound('member');
    authorize(actor, 'people.manage', { type: 'person', userId });
    if (before.version !== expected) throw staleVersion(presentMember(actor, before));
    if (before.roles.includes('admin')) await keepAnAdmin(trx, actor.orgId, before.name, 'remove');
    if (!(await deleteMembership(trx, actor.orgId, userId, expected))) {
      const current = await findMemberRecord(trx, actor.orgId, userId);
      throw current ? staleVersion(presentMember(actor, current)) : notFound('member');
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'member.removed',
      objectType: 'member',
      objectId: userId,
      before: memberSnapshot(before),
      at: ctx.now,
    });
  });
}
