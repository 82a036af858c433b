import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTH, type Health } from '../contracts/model.ts';
import { crossTeamEdges, type MapDependency, type MapSharedObjective } from './cross-team-map.ts';

const RANK: Record<Health, number> = { on_track: 0, at_risk: 1, off_track: 2 };
const TEAMS = ['a', 'b', 'c', 'd'];
const team = fc.constantFrom<string | null>(null, ...TEAMS);
const health = fc.constantFrom<Health | null>(null, ...HEALTH);

const dependenciesArb = fc
  .array(fc.record({ fromTeamId: team, toTeamId: team, health }), { maxLength: 15 })
  .map((list) => list.map((d, i): MapDependency => ({ ...d, id: `d${i}` })));
const sharedArb = fc
  .array(fc.record({ teamIds: fc.array(fc.constantFrom(...TEAMS), { maxLength: 5 }), health }), {
    maxLength: 6,
  })
  .map((list) => list.map((o, i): MapSharedObjective => ({ ...o, id: `o${i}` })));

function worst(healths: (Health | null)[]): Health | null {
  return healths.reduce<Health | null>(
    (w, h) => (h === null ? w : w === null || RANK[h] > RANK[w] ? h : w),
    null,
  );
}

describe('the cross-team map', () => {
  it('draws one edge per waiting team and needed team, coloured by the worst risk it carries', () => {
    const edges = crossTeamEdges(
      [
        { id: 'd1', fromTeamId: 'growth', toTeamId: 'platform', health: 'on_track' },
        { id: 'd2', fromTeamId: 'growth', toTeamId: 'platform', health: 'off_track' },
        { id: 'd3', fromTeamId: 'growth', toTeamId: 'growth', health: 'off_track' },
        { id: 'd4', fromTeamId: null, toTeamId: 'platform', health: 'at_risk' },
      ],
      [{ id: 'o1', teamIds: ['platform', 'growth', 'sales'], health: 'at_risk' }],
    );
    expect(edges).toEqual([
      {
        id: 'dependency:growth:platform',
        kind: 'dependency',
        from: 'growth',
        to: 'platform',
        health: 'off_track',
        itemIds: ['d1', 'd2'],
      },
      {
        id: 'shared:growth:platform',
        kind: 'shared',
        from: 'growth',
        to: 'platform',
        health: 'at_risk',
        itemIds: ['o1'],
      },
      {
        id: 'shared:growth:sales',
        kind: 'shared',
        from: 'growth',
        to: 'sales',
        health: 'at_risk',
        itemIds: ['o1'],
      },
      {
        id: 'shared:platform:sales',
        kind: 'shared',
        from: 'platform',
        to: 'sales',
        health: 'at_risk',
        itemIds: ['o1'],
      },
    ]);
  });

  it('never joins a team to itself and gives every edge a unique id', () => {
    fc.assert(
      fc.property(dependenciesArb, sharedArb, (dependencies, shared) => {
        const edges = crossTeamEdges(dependencies, shared);
        for (const edge of edges) expect(edge.from).not.toBe(edge.to);
        expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
      }),
    );
  });

  it('puts each cross-team dependency on exactly the edge of its two teams', () => {
    fc.assert(
      fc.property(dependenciesArb, sharedArb, (dependencies, shared) => {
        const edges = crossTeamEdges(dependencies, shared).filter((e) => e.kind === 'dependency');
        for (const d of dependencies) {
          const on = edges.filter((e) => e.itemIds.includes(d.id));
          const crosses =
            d.fromTeamId !== null && d.toTeamId !== null && d.fromTeamId !== d.toTeamId;
          expect(on.length).toBe(crosses ? 1 : 0);
          if (crosses) expect([on[0]?.from, on[0]?.to]).toEqual([d.fromTeamId, d.toTeamId]);
        }
      }),
    );
  });

  it('joins every pair of a shared objective’s teams, and colours each edge by the worst of its items', () => {
    fc.assert(
      fc.property(dependenciesArb, sharedArb, (dependencies, shared) => {
        const edges = crossTeamEdges(dependencies, shared);
        for (const o of shared) {
          const teams = [...new Set(o.teamIds)];
          const on = edges.filter((e) => e.kind === 'shared' && e.itemIds.includes(o.id));
          expect(on.length === (teams.length * (teams.length - 1)) / 2).toBe(true);
        }
        for (const edge of edges) {
          const items: (Health | null)[] =
            edge.kind === 'dependency'
              ? dependencies.filter((d) => edge.itemIds.includes(d.id)).map((d) => d.health)
              : shared.filter((o) => edge.itemIds.includes(o.id)).map((o) => o.health);
          expect(edge.health).toBe(worst(items));
        }
      }),
    );
  });
});
