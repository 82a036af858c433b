/**
 * Every member of an organisation as a policy Actor, for work that has no caller: the scheduler
 * asks the policy whether a lead or a champion may read an objective before telling them about it.
 */
import type { OrgRole } from '../../contracts/model.ts';
import type { Actor } from '../../policy/policy.ts';
import { memberRolesOf, teamMembersOf } from '../../repositories/cadence.ts';
import type { Db } from '../context.ts';

export interface OrgPeople {
  actorOf(userId: string): Actor;
  /** Teams the person is in. */
  teamsOf(userId: string): string[];
  /** Leads of the teams the person is in, the person left out. */
  leadsOf(userId: string): string[];
  champions: string[];
}

export async function loadOrgPeople(db: Db, orgId: string): Promise<OrgPeople> {
  const [members, roles] = await Promise.all([teamMembersOf(db, orgId), memberRolesOf(db, orgId)]);
  const teams = new Map<string, string[]>();
  const leadTeams = new Map<string, string[]>();
  const leadsByTeam = new Map<string, string[]>();
  for (const row of members) {
    teams.set(row.user_id, [...(teams.get(row.user_id) ?? []), row.team_id].sort());
    if (row.is_lead === 1) {
      leadTeams.set(row.user_id, [...(leadTeams.get(row.user_id) ?? []), row.team_id]);
      leadsByTeam.set(row.team_id, [...(leadsByTeam.get(row.team_id) ?? []), row.user_id]);
    }
  }
  const rolesOf = new Map<string, Set<OrgRole>>();
  for (const row of roles) {
    const set = rolesOf.get(row.user_id) ?? new Set<OrgRole>();
    set.add(row.role as OrgRole);
    rolesOf.set(row.user_id, set);
  }
  const teamsOf = (userId: string) => teams.get(userId) ?? [];
  return {
    actorOf: (userId) => ({
      userId,
      orgId,
      roles: rolesOf.get(userId) ?? new Set(),
      teamIds: new Set(teamsOf(userId)),
      leadTeamIds: new Set(leadTeams.get(userId) ?? []),
    }),
    teamsOf,
    leadsOf: (userId) =>
      [...new Set(teamsOf(userId).flatMap((team) => leadsByTeam.get(team) ?? []))].filter(
        (lead) => lead !== userId,
      ),
    champions: [...rolesOf].filter(([, set]) => set.has('champion')).map(([userId]) => userId),
  };
}

/** Just these people as policy Actors (for one change's recipients, not the whole organisation). */
export async function loadActors(
  db: Db,
  orgId: string,
  userIds: string[],
): Promise<Map<string, Actor>> {
  const actors = new Map<string, Actor>();
  if (userIds.length === 0) return actors;
  const [members, roles] = await Promise.all([
    db
      .selectFrom('team_members')
      .select(['team_id', 'user_id', 'is_lead'])
      .where('org_id', '=', orgId)
      .where('user_id', 'in', userIds)
      .execute(),
    db
      .selectFrom('member_roles')
      .select(['user_id', 'role'])
      .where('org_id', '=', orgId)
      .where('user_id', 'in', userIds)
      .execute(),
  ]);
  for (const userId of userIds) {
    actors.set(userId, {
      userId,
      orgId,
      roles: new Set(roles.filter((r) => r.user_id === userId).map((r) => r.role as OrgRole)),
      teamIds: new Set(members.filter((m) => m.user_id === userId).map((m) => m.team_id)),
      leadTeamIds: new Set(
        members.filter((m) => m.user_id === userId && m.is_lead === 1).map((m) => m.team_id),
      ),
    });
  }
  return actors;
}

/** Leads of the given teams. */
export async function leadsOfTeams(
  db: Db,
  orgId: string,
  teamIds: readonly string[],
): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('team_id', 'in', [...teamIds])
    .where('is_lead', '=', 1)
    .execute();
  return [...new Set(rows.map((row) => row.user_id))];
}
