/** Changing a member's roles and title (admins only; the last admin keeps the role). */
import { AppError } from '../../contracts/app-error.ts';
import type { MemberView, UpdateMemberBody } from '../../contracts/api/people.ts';
import { authorize } from '../../policy/policy.ts';
import { memberSnapshot, presentMember } from '../../presenters/people.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  countAdmins,
  findMemberRecord,
  lockOrganisation,
  replaceRoles,
  updateMembership,
} from '../../repositories/people.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';

/**
 * Refuses (409) to leave the organisation without an admin. Call before taking the role away;
 * the organisation is locked first so two admins cannot demote each other at the same moment.
 */
export async function keepAnAdmin(
  db: Db,
  orgId: string,
  name: string,
  verb: 'demote' | 'remove',
): Promise<void> {
  await lockOrganisation(db, orgId);
  if ((await countAdmins(db, orgId)) <= 1) {
    throw new AppError(
      'conflict',
      `${name} is the last admin of this organisation and cannot be ${verb === 'demote' ? 'demoted' : 'removed'}; make someone else an admin first.`,
    );
  }
}

/**
 * Sets the member's roles (the complete set) and title. Needs `people.manage` (so nobody gives
 * themself a role), `expected` to be the member's current version, and another admin to remain.
 */
export async function updateMember(
  ctx: ServiceContext,
  userId: string,
  expected: number,
  changes: UpdateMemberBody,
): Promise<MemberView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await findMemberRecord(trx, actor.orgId, userId);
    if (!before) throw notFound('member');
    authorize(actor, 'people.manage', { type: 'person', userId });
    if (before.version !== expected) throw staleVersion(presentMember(actor, before));
    const roles = changes.roles ? [...new Set(changes.roles)].sort() : undefined;
    if (roles && before.roles.includes('admin') && !roles.includes('admin')) {
      await keepAnAdmin(trx, actor.orgId, before.name, 'demote');
    }
    const title = changes.title === '' ? null : changes.title;
    if (!(await updateMembership(trx, actor.orgId, userId, expected, title))) {
      const current = await findMemberRecord(trx, actor.orgId, userId);
      throw current ? staleVersion(presentMember(actor, current)) : notFound('member');
    }
    if (roles) await replaceRoles(trx, actor.orgId, userId, roles);
    const after = (await findMemberRecord(trx, actor.orgId, userId)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'member.updated',
      objectType: 'member',
      objectId: userId,
      before: memberSnapshot(before),
      after: memberSnapshot(after),
      at: ctx.now,
    });
    return presentMember(actor, after);
  });
}
