import { describe, expect, it } from 'vitest';
import { layoutEdge, layoutTeams, NODE_RADIUS } from './map-layout.ts';

const teams = [
  { id: 'a', name: 'Alpha', edgeCount: 0 },
  { id: 'b', name: 'Beta', edgeCount: 3 },
  { id: 'c', name: 'Gamma', edgeCount: 1 },
  { id: 'd', name: 'Delta', edgeCount: 1 },
];

describe('the cross-team map layout', () => {
  it('puts the busiest team first, at the top, and every team on the same circle inside the picture', () => {
    const laid = layoutTeams(teams, 600);
    expect(laid.map((t) => t.name)).toEqual(['Beta', 'Delta', 'Gamma', 'Alpha']);
    expect(laid[0]?.x).toBeCloseTo(300, 6);
    const radii = laid.map((t) => Math.hypot(t.x - 300, t.y - 300));
    for (const r of radii) expect(r).toBeCloseTo(radii[0] ?? 0, 6);
    for (const t of laid) {
      expect(t.x - NODE_RADIUS).toBeGreaterThanOrEqual(0);
      expect(t.y + NODE_RADIUS).toBeLessThanOrEqual(600);
    }
  });

  it('bends a dependency each way to opposite sides and draws the shared objective straight between them', () => {
    const byId = new Map(layoutTeams(teams, 600).map((t) => [t.id, t]));
    const dependency = layoutEdge({ id: 'd', kind: 'dependency', from: 'a', to: 'b' }, byId);
    const shared = layoutEdge({ id: 's', kind: 'shared', from: 'a', to: 'b' }, byId);
    const back = layoutEdge({ id: 'r', kind: 'dependency', from: 'b', to: 'a' }, byId);
    expect(dependency && shared && back).toBeTruthy();
    const a = byId.get('a');
    const b = byId.get('b');
    if (!dependency || !shared || !back || !a || !b) throw new Error('not laid out');
    // Signed distance of each badge from the straight line a–b: one dependency on each side,
    // the shared objective on the line itself.
    const side = (x: number, y: number) =>
      ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)) / Math.hypot(b.x - a.x, b.y - a.y);
    const there = side(dependency.labelX, dependency.labelY);
    const backAgain = side(back.labelX, back.labelY);
    expect(Math.abs(there)).toBeGreaterThan(20);
    expect(Math.sign(there)).toBe(-Math.sign(backAgain));
    expect(Math.abs(side(shared.labelX, shared.labelY))).toBeLessThan(1);
    expect(dependency?.path).toMatch(/^M[\d.-]+,[\d.-]+ Q[\d.-]+,[\d.-]+ [\d.-]+,[\d.-]+$/);
  });

  it('draws nothing for an edge to a team it does not know', () => {
    const byId = new Map(layoutTeams(teams, 600).map((t) => [t.id, t]));
    expect(layoutEdge({ id: 'x', kind: 'shared', from: 'a', to: 'nope' }, byId)).toBeNull();
  });
});
