/** Reading teams: the flat list, the hierarchy and one team with its members. */
import type { TeamDetailView, TeamTreeNode, TeamView } from '../../contracts/api/people.ts';
import { pageOf, type Page, type PageRequest } from '../../contracts/api/page.ts';
import { presentTeam, presentTeamDetail, presentTeamTree } from '../../presenters/people.ts';
import { findTeamRecord, listTeamRecords, teamMemberList } from '../../repositories/teams.ts';
import type { Db, ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/** Teams in creation order, each with its parent and member count. */
export async function listTeams(ctx: ServiceContext, page: PageRequest): Promise<Page<TeamView>> {
  const rows = await listTeamRecords(ctx.connection.db, ctx.actor.orgId, {
    after: page.after,
    limit: page.limit,
  });
  return pageOf(
    rows,
    page.limit,
    (row) => row.id,
    (row) => presentTeam(ctx.actor, row),
  );
}

/** The whole team hierarchy, nested. */
export async function teamTree(ctx: ServiceContext): Promise<{ roots: TeamTreeNode[] }> {
  return { roots: presentTeamTree(await listTeamRecords(ctx.connection.db, ctx.actor.orgId)) };
}

/** One team and its members (leads first); 404 when it is not a team of this organisation. */
export async function getTeam(ctx: ServiceContext, id: string): Promise<TeamDetailView> {
  return loadTeamDetail(ctx.connection.db, ctx, id);
}

export async function loadTeamDetail(
  db: Db,
  ctx: ServiceContext,
  id: string,
): Promise<TeamDetailView> {
  const team = await findTeamRecord(db, ctx.actor.orgId, id);
  if (!team) throw notFound('team');
  return presentTeamDetail(ctx.actor, team, await teamMemberList(db, ctx.actor.orgId, id));
}
