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
    leadsOf: (userId) => [
      ...new Set(teamsOf(userId).flatMap((team) => leadsByTeam.get(team) ?? [])),
    ].filter((lead) => lead !== userId),
    champions: [...rolesOf].filter(([, set]) => set.has('champion')).map(([userId]) => userId),
  };
}
