/** Reading the people of an organisation: everyone in it may list and look up its members. */
import type { MemberListQuery, MemberView } from '../../contracts/api/people.ts';
import { pageOf, type Page } from '../../contracts/api/page.ts';
import { presentMember } from '../../presenters/people.ts';
import { findMemberRecord, listMemberRecords } from '../../repositories/people.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/** Members filtered by text (name or e-mail), role and team, in pages. */
export async function listMembers(
  ctx: ServiceContext,
  query: MemberListQuery,
): Promise<Page<MemberView>> {
  const { actor } = ctx;
  const rows = await listMemberRecords(ctx.connection.db, actor.orgId, {
    text: query.text,
    role: query.role,
    teamId: query.team,
    after: query.cursor,
    limit: query.limit,
  });
  return pageOf(
    rows,
    query.limit,
    (row) => row.userId,
    (row) => presentMember(actor, row),
  );
}

/** One member with roles and teams; 404 when the person is not in this organisation. */
export async function getMember(ctx: ServiceContext, userId: string): Promise<MemberView> {
  const member = await findMemberRecord(ctx.connection.db, ctx.actor.orgId, userId);
  if (!member) throw notFound('member');
  return presentMember(ctx.actor, member);
}
