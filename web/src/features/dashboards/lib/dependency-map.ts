/**
 * The cross-team dependency map of the coordinator: teams as nodes, one edge per ordered pair of
 * teams (the team that needs → the team it depends on), coloured by the worst risk of the
 * dependencies on it. Pure: layout and risk are unit-tested.
 */
import type { DependencyView } from '@contracts/api/collaboration.ts';
import type { Health } from '@contracts/model.ts';

export type DependencyRisk = 'high' | 'medium' | 'low' | 'resolved';
export const RISK_ORDER: readonly DependencyRisk[] = ['high', 'medium', 'low', 'resolved'];
const RISK_RANK: Record<DependencyRisk, number> = { high: 3, medium: 2, low: 1, resolved: 0 };

/** Days before `neededBy` from which an open dependency counts as at least medium risk. */
export const DUE_SOON_DAYS = 14;
const DAY_MS = 86_400_000;

export type DependencyLike = Pick<DependencyView, 'id' | 'status' | 'neededBy'> & {
  keyResult: { id: string; title: string; objectiveId: string };
  dependsOn: { id: string; title: string; objectiveId: string };
};

/**
 * How risky a dependency is today: resolved ones are no risk; an open one is high when it is
 * overdue or what it waits for is off track, medium when due within {@link DUE_SOON_DAYS} days or
 * what it waits for is at risk, low otherwise.
 */
export function dependencyRisk(
  dependency: Pick<DependencyLike, 'status' | 'neededBy'>,
  dependsOnHealth: Health | null | undefined,
  today: string,
): DependencyRisk {
  if (dependency.status === 'resolved') return 'resolved';
  const daysToNeed =
    dependency.neededBy === null
      ? null
      : (Date.parse(`${dependency.neededBy}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
        DAY_MS;
  if ((daysToNeed !== null && daysToNeed < 0) || dependsOnHealth === 'off_track') return 'high';
  if ((daysToNeed !== null && daysToNeed <= DUE_SOON_DAYS) || dependsOnHealth === 'at_risk') {
    return 'medium';
  }
  return 'low';
}

export function worstRisk(risks: Iterable<DependencyRisk>): DependencyRisk {
  let worst: DependencyRisk = 'resolved';
  for (const risk of risks) if (RISK_RANK[risk] > RISK_RANK[worst]) worst = risk;
  return worst;
}

export interface RatedDependency<D extends DependencyLike = DependencyLike> {
  dependency: D;
  risk: DependencyRisk;
  fromTeamId: string;
  toTeamId: string;
}

export interface TeamEdge<D extends DependencyLike = DependencyLike> {
  /** `from~to`, stable, for the URL. */
  id: string;
  fromTeamId: string;
  toTeamId: string;
  risk: DependencyRisk;
  dependencies: RatedDependency<D>[];
}

export interface DependencyMap<D extends DependencyLike = DependencyLike> {
  teamIds: string[];
  edges: TeamEdge<D>[];
  /** Dependencies inside one team (not drawn). */
  withinTeam: RatedDependency<D>[];
  /** Dependencies on objectives outside the cycle, private, or without a team (not drawn). */
  unplaced: D[];
}

export function edgeId(fromTeamId: string, toTeamId: string): string {
  return `${fromTeamId}~${toTeamId}`;
}

/**
 * Groups dependencies into team edges. `objectives` maps an objective id of the cycle to its
 * team and health; dependencies touching any other objective are `unplaced`.
 */
export function buildDependencyMap<D extends DependencyLike>(
  dependencies: readonly D[],
  objectives: ReadonlyMap<string, { teamId: string | null; health: Health | null }>,
  today: string,
): DependencyMap<D> {
  const edges = new Map<string, TeamEdge<D>>();
  const withinTeam: RatedDependency<D>[] = [];
  const unplaced: D[] = [];
  const teamIds = new Set<string>();
  for (const dependency of dependencies) {
    const from = objectives.get(dependency.keyResult.objectiveId);
    const to = objectives.get(dependency.dependsOn.objectiveId);
    if (!from?.teamId || !to?.teamId) {
      unplaced.push(dependency);
      continue;
    }
    const rated: RatedDependency<D> = {
      dependency,
      risk: dependencyRisk(dependency, to.health, today),
      fromTeamId: from.teamId,
      toTeamId: to.teamId,
    };
    if (from.teamId === to.teamId) {
      withinTeam.push(rated);
      continue;
    }
    teamIds.add(from.teamId);
    teamIds.add(to.teamId);
    const id = edgeId(from.teamId, to.teamId);
    const edge = edges.get(id) ?? {
      id,
      fromTeamId: from.teamId,
      toTeamId: to.teamId,
      risk: 'resolved' as DependencyRisk,
      dependencies: [],
    };
    edge.dependencies.push(rated);
    edge.risk = worstRisk([edge.risk, rated.risk]);
    edges.set(id, edge);
  }
  const sortedEdges = [...edges.values()].sort(
    (a, b) => RISK_RANK[b.risk] - RISK_RANK[a.risk] || a.id.localeCompare(b.id),
  );
  return { teamIds: [...teamIds].sort(), edges: sortedEdges, withinTeam, unplaced };
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Places teams on a circle (ordered as given, so the caller decides: by name), the first at the
 * top. Deterministic, so the map does not jump between renders.
 */
export function circleLayout(
  ids: readonly string[],
  width: number,
  height: number,
  margin: number,
): Map<string, Point> {
  const positions = new Map<string, Point>();
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.max(0, Math.min(width, height) / 2 - margin);
  if (ids.length === 1 && ids[0] !== undefined) positions.set(ids[0], { x: cx, y: cy });
  else {
    ids.forEach((id, index) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * index) / ids.length;
      positions.set(id, { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) });
    });
  }
  return positions;
}

/**
 * The path of an edge from `a` to `b`: a gentle curve bending to its right, so the edges of both
 * directions between two teams stay apart; it stops `inset` short of each end (the node's radius).
 * Answers the SVG path and the middle point (for the label).
 */
export function edgePath(a: Point, b: Point, inset: number): { d: string; mid: Point } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  const bend = Math.min(40, length * 0.15);
  // The normal to the right of the direction of travel.
  const control = { x: (a.x + b.x) / 2 - uy * bend, y: (a.y + b.y) / 2 + ux * bend };
  const start = towards(a, control, inset);
  const end = towards(b, control, inset);
  const mid = {
    x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
    y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
  };
  const r = (value: number) => Math.round(value * 10) / 10;
  return {
    d: `M${r(start.x)},${r(start.y)} Q${r(control.x)},${r(control.y)} ${r(end.x)},${r(end.y)}`,
    mid,
  };
}

function towards(from: Point, to: Point, distance: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance };
}
