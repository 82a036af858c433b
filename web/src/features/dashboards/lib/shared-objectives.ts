/**
 * Shared objectives for the coordinator: for each one, how each contributing team is doing, from
 * the team's objectives aligned to it in the cycle tree.
 */
import type { Health } from '@contracts/model.ts';
import { worstHealth, type ReadableNode } from './figures.ts';

export interface TeamContribution {
  teamId: string;
  name: string;
  /** Whether the shared objective names this team as contributing. */
  listed: boolean;
  /** The team's objectives aligned directly to the shared objective. */
  objectives: ReadableNode[];
  /** Mean progress of those objectives, null when the team aligned nothing yet. */
  progress: number | null;
  health: Health | null;
}

/**
 * Per team: the objectives aligned to `sharedId` with that team, for the listed contributing teams
 * first (even with nothing aligned yet, which is worth seeing), then other teams that aligned
 * something. `teamNames` names teams not in `contributingTeams`.
 */
export function contributionsByTeam(
  sharedId: string,
  contributingTeams: readonly { id: string; name: string }[],
  nodes: readonly ReadableNode[],
  teamNames: Readonly<Record<string, string>>,
): TeamContribution[] {
  const byTeam = new Map<string, ReadableNode[]>();
  for (const node of nodes) {
    if (!node.teamId || !node.parentIds.includes(sharedId)) continue;
    const list = byTeam.get(node.teamId) ?? [];
    list.push(node);
    byTeam.set(node.teamId, list);
  }
  const listedIds = new Set(contributingTeams.map((team) => team.id));
  const make = (teamId: string, name: string, listed: boolean): TeamContribution => {
    const objectives = byTeam.get(teamId) ?? [];
    return {
      teamId,
      name,
      listed,
      objectives,
      progress:
        objectives.length === 0
          ? null
          : objectives.reduce((sum, node) => sum + node.progress, 0) / objectives.length,
      health: worstHealth(objectives),
    };
  };
  const listed = [...contributingTeams]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((team) => make(team.id, team.name, true));
  const others = [...byTeam.keys()]
    .filter((teamId) => !listedIds.has(teamId))
    .map((teamId) => make(teamId, teamNames[teamId] ?? 'Unnamed team', false))
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...listed, ...others];
}
