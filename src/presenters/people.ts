/** Members and teams as the API shows them, with what the caller may do to each. */
import type {
  MemberView,
  TeamDetailView,
  TeamTreeNode,
  TeamView,
} from '../contracts/api/people.ts';
import { can, type Actor } from '../policy/policy.ts';
import type { MemberRecord } from '../repositories/people.ts';
import type { TeamRecord } from '../repositories/teams.ts';

export function presentMember(actor: Actor, member: MemberRecord): MemberView {
  const manage = can(actor, 'people.manage', { type: 'person', userId: member.userId });
  return {
    id: member.userId,
    name: member.name,
    email: member.email,
    title: member.title,
    roles: member.roles,
    teams: member.teams,
    joinedAt: member.joinedAt,
    version: member.version,
    abilities: { canEdit: manage, canRemove: manage },
  };
}

/** What the audit log keeps of a member. */
export function memberSnapshot(member: MemberRecord): Record<string, unknown> {
  return {
    name: member.name,
    email: member.email,
    title: member.title,
    roles: member.roles,
    teams: member.teams,
  };
}

export function presentTeam(actor: Actor, team: TeamRecord): TeamView {
  const manage = can(actor, 'people.manage', { type: 'organisation' });
  return {
    id: team.id,
    name: team.name,
    parentId: team.parentId,
    memberCount: team.memberCount,
    createdAt: team.createdAt,
    version: team.version,
    abilities: { canEdit: manage, canDelete: manage, canManageMembers: manage },
  };
}

export function presentTeamDetail(
  actor: Actor,
  team: TeamRecord,
  members: { id: string; name: string; email: string; isLead: boolean }[],
): TeamDetailView {
  return { ...presentTeam(actor, team), members };
}

/** What the audit log keeps of a team. */
export function teamSnapshot(team: TeamRecord): Record<string, unknown> {
  return { name: team.name, parentId: team.parentId };
}

/** The hierarchy, roots and children in name order. A team whose parent is missing is a root. */
export function presentTeamTree(teams: TeamRecord[]): TeamTreeNode[] {
  const nodes = new Map<string, TeamTreeNode>(
    teams.map((t) => [t.id, { id: t.id, name: t.name, memberCount: t.memberCount, children: [] }]),
  );
  const roots: TeamTreeNode[] = [];
  for (const team of teams) {
    const node = nodes.get(team.id) as TeamTreeNode;
    const parent = team.parentId ? nodes.get(team.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byName = (a: TeamTreeNode, b: TeamTreeNode) => a.name.localeCompare(b.name);
  for (const node of nodes.values()) node.children.sort(byName);
  return roots.sort(byName);
}
