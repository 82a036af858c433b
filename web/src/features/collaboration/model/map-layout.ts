/**
 * Where the cross-team map draws things: teams on a circle (connected teams first, so the busy
 * part of the organisation sits together); a dependency is a gentle curve bent to the left of
 * its direction, so one each way bulge apart, and a shared objective is the straight line between
 * them: the three never overlap. Pure.
 */
export interface LaidOutTeam {
  id: string;
  name: string;
  x: number;
  y: number;
}

export interface LaidOutEdge {
  id: string;
  /** SVG path data. */
  path: string;
  /** Where the status badge sits (the middle of the curve). */
  labelX: number;
  labelY: number;
}

export const NODE_RADIUS = 30;

export function layoutTeams(
  teams: readonly { id: string; name: string; edgeCount: number }[],
  size: number,
): LaidOutTeam[] {
  const ordered = [...teams].sort(
    (a, b) => b.edgeCount - a.edgeCount || a.name.localeCompare(b.name),
  );
  const centre = size / 2;
  const radius = ordered.length <= 1 ? 0 : centre - NODE_RADIUS - 60;
  return ordered.map((team, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, ordered.length) - Math.PI / 2;
    return {
      id: team.id,
      name: team.name,
      x: centre + radius * Math.cos(angle),
      y: centre + radius * Math.sin(angle),
    };
  });
}

/** A line from one team to the other: a dependency bent to the left of its direction, a shared objective straight. */
export function layoutEdge(
  edge: { id: string; kind: 'dependency' | 'shared'; from: string; to: string },
  teams: ReadonlyMap<string, LaidOutTeam>,
): LaidOutEdge | null {
  const a = teams.get(edge.from);
  const b = teams.get(edge.to);
  if (!a || !b) return null;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / length, dy / length];
  const bend = edge.kind === 'shared' ? 0 : 28;
  // Start and end on the circles' rims, not their centres, so arrows stay visible.
  const start = { x: a.x + ux * NODE_RADIUS, y: a.y + uy * NODE_RADIUS };
  const end = { x: b.x - ux * (NODE_RADIUS + 4), y: b.y - uy * (NODE_RADIUS + 4) };
  const control = { x: (a.x + b.x) / 2 - uy * bend * 2, y: (a.y + b.y) / 2 + ux * bend * 2 };
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    id: edge.id,
    path: `M${round(start.x)},${round(start.y)} Q${round(control.x)},${round(control.y)} ${round(end.x)},${round(end.y)}`,
    // The middle of a quadratic curve: a quarter of each end and half of the control point.
    labelX: round(0.25 * start.x + 0.5 * control.x + 0.25 * end.x),
    labelY: round(0.25 * start.y + 0.5 * control.y + 0.25 * end.y),
  };
}
