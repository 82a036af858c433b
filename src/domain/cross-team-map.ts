/**
 * The cross-team map: teams as nodes; open dependencies between key results of different teams
 * and shared objectives between their contributing teams as edges, each coloured by the worst
 * health it carries. Pure; the service feeds it what the caller may read.
 */
import type { Health } from '../contracts/model.ts';
import { worseHealth } from './shared-progress.ts';

export interface MapDependency {
  id: string;
  /** The team of the key result that depends on the other (null: no team known). */
  fromTeamId: string | null;
  /** The team of the key result depended on. */
  toTeamId: string | null;
  /**
   * What the dependency carries: the worse of the depended-on key result's own health and the
   * risk it inherits through its own dependencies (risk that travels).
   */
  health: Health | null;
}

export interface MapSharedObjective {
  id: string;
  /** The objective's team and its contributing teams. */
  teamIds: readonly string[];
  health: Health | null;
}

export interface TeamEdge {
  /** Stable: `dependency:<from>:<to>` or `shared:<a>:<b>` (a < b). */
  id: string;
  kind: 'dependency' | 'shared';
  /** For a dependency, the team that waits; for a shared objective, the lower team id. */
  from: string;
  to: string;
  /** The worst health of what the edge carries; null when none has a health yet. */
  health: Health | null;
  /** Dependency ids or shared objective ids on this edge, in the order given. */
  itemIds: string[];
}

/**
 * Groups dependencies by (waiting team, needed team) and shared objectives by each pair of their
 * teams. Dependencies inside one team, or with an end outside every team, draw no edge.
 */
export function crossTeamEdges(
  dependencies: readonly MapDependency[],
  shared: readonly MapSharedObjective[],
): TeamEdge[] {
  const edges = new Map<string, TeamEdge>();
  const add = (
    kind: TeamEdge['kind'],
    from: string,
    to: string,
    itemId: string,
    health: Health | null,
  ) => {
    const id = `${kind}:${from}:${to}`;
    const edge = edges.get(id);
    if (edge) {
      edge.health = worseHealth(edge.health, health);
      if (!edge.itemIds.includes(itemId)) edge.itemIds.push(itemId);
    } else {
      edges.set(id, { id, kind, from, to, health, itemIds: [itemId] });
    }
  };
  for (const d of dependencies) {
    if (d.fromTeamId === null || d.toTeamId === null || d.fromTeamId === d.toTeamId) continue;
    add('dependency', d.fromTeamId, d.toTeamId, d.id, d.health);
  }
  for (const objective of shared) {
    const teams = [...new Set(objective.teamIds)].sort();
    for (let i = 0; i < teams.length; i++)
      for (let j = i + 1; j < teams.length; j++)
        add('shared', teams[i] as string, teams[j] as string, objective.id, objective.health);
  }
  return [...edges.values()];
}
