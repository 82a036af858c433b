import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTH, type Health } from '../contracts/model.ts';
import { dependencyRisk, type DependencyEdge } from './dependency-risk.ts';

const RANK: Record<Health, number> = { on_track: 0, at_risk: 1, off_track: 2 };

/** "ab" is "a depends on b". */
const edges = (...pairs: string[]): DependencyEdge[] =>
  pairs.map((pair) => ({ from: pair[0] as string, to: pair[1] as string }));
const health = (entries: Record<string, Health | null>) => new Map(Object.entries(entries));

/**
 * The reference, by brute force: for each key result, a breadth-first search along the edges to
 * every key result it depends on (directly or not, itself excluded), with the distance to each.
 */
function reference(
  ids: readonly string[],
  graph: readonly DependencyEdge[],
  healthById: ReadonlyMap<string, Health | null>,
): Map<string, { level: Health; distance: number }> {
  const result = new Map<string, { level: Health; distance: number }>();
  for (const id of ids) {
    const distance = new Map<string, number>();
    let frontier = [id];
    for (let d = 1; frontier.length > 0; d++) {
      const next: string[] = [];
      for (const node of frontier)
        for (const edge of graph)
          if (edge.from === node && edge.to !== id && !distance.has(edge.to)) {
            distance.set(edge.to, d);
            next.push(edge.to);
          }
      frontier = next;
    }
    let best: { level: Health; distance: number } | undefined;
    for (const [upstream, d] of distance) {
      const h = healthById.get(upstream) ?? null;
      if (h !== 'at_risk' && h !== 'off_track') continue;
      if (!best || RANK[h] > RANK[best.level] || (h === best.level && d < best.distance))
        best = { level: h, distance: d };
    }
    if (best) result.set(id, best);
  }
  return result;
}

/** Up to 8 key results with any health, and any edges between them (loops and self-edges too). */
const world = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.record({
      ids: fc.constant(Array.from({ length: n }, (_, i) => `k${i}`)),
      healths: fc.array(fc.constantFrom<Health | null>(null, ...HEALTH), {
        minLength: n,
        maxLength: n,
      }),
      edges: fc.uniqueArray(
        fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([a, b]) => ({ from: `k${a}`, to: `k${b}` })),
        { maxLength: 20, selector: (e) => `${e.from}>${e.to}` },
      ),
      extra: fc
        .tuple(fc.nat(n - 1), fc.nat(n - 1))
        .map(([a, b]) => ({ from: `k${a}`, to: `k${b}` })),
    }),
  )
  .map((w) => ({ ...w, healthById: new Map(w.ids.map((id, i) => [id, w.healths[i] ?? null])) }));

describe('dependencyRisk', () => {
  it('passes the risk of C down a chain A → B → C, with the path from C', () => {
    const risk = dependencyRisk(
      edges('ab', 'bc'),
      health({ a: 'on_track', b: 'on_track', c: 'off_track' }),
    );
    expect(Object.fromEntries(risk)).toEqual({
      b: { level: 'off_track', path: ['c', 'b'] },
      a: { level: 'off_track', path: ['c', 'b', 'a'] },
    });
  });

  it('names the worst health first, then the nearest source of it', () => {
    const risk = dependencyRisk(
      edges('ab', 'bc', 'ad', 'de', 'ef'),
      health({ b: 'at_risk', c: 'off_track', d: 'at_risk', f: 'off_track' }),
    );
    expect(risk.get('a')).toEqual({ level: 'off_track', path: ['c', 'b', 'a'] });
    expect(risk.get('e')).toEqual({ level: 'off_track', path: ['f', 'e'] });
    expect(risk.get('c')).toBeUndefined();
  });

  it('does not pass on health that is fine, unknown or its own', () => {
    expect(
      dependencyRisk(edges('ab', 'bc'), health({ a: 'off_track', b: 'on_track', c: null })).size,
    ).toBe(0);
    expect(dependencyRisk(edges('aa'), health({ a: 'off_track' })).size).toBe(0);
  });

  it('on a loop, a key result inherits from another one only', () => {
    const risk = dependencyRisk(edges('ab', 'ba'), health({ a: 'off_track', b: 'at_risk' }));
    expect(Object.fromEntries(risk)).toEqual({
      b: { level: 'off_track', path: ['a', 'b'] },
      a: { level: 'at_risk', path: ['b', 'a'] },
    });
  });

  it('is inherited iff a key result upstream is at risk or off track, at the worst such level and the shortest distance', () => {
    fc.assert(
      fc.property(world, ({ ids, edges: graph, healthById }) => {
        const risk = dependencyRisk(graph, healthById);
        const expected = reference(ids, graph, healthById);
        expect([...risk.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [id, want] of expected) {
          const got = risk.get(id);
          expect(got?.level).toBe(want.level);
          expect(got?.path.length).toBe(want.distance + 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives a real chain of dependencies from a key result of that health to the key result', () => {
    fc.assert(
      fc.property(world, ({ edges: graph, healthById }) => {
        const has = new Set(graph.map((e) => `${e.from}>${e.to}`));
        for (const [id, { level, path }] of dependencyRisk(graph, healthById)) {
          expect(path.length).toBeGreaterThanOrEqual(2);
          expect(path[0]).not.toBe(id);
          expect(healthById.get(path[0] as string)).toBe(level);
          expect(path.at(-1)).toBe(id);
          expect(new Set(path).size).toBe(path.length);
          for (let i = 0; i + 1 < path.length; i++)
            expect(has.has(`${path[i + 1] as string}>${path[i] as string}`)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never loses or lowers risk when a dependency is added', () => {
    fc.assert(
      fc.property(world, ({ edges: graph, extra, healthById }) => {
        const before = dependencyRisk(graph, healthById);
        const after = dependencyRisk([...graph, extra], healthById);
        for (const [id, risk] of before)
          expect(RANK[after.get(id)?.level ?? 'on_track']).toBeGreaterThanOrEqual(RANK[risk.level]);
      }),
      { numRuns: 500 },
    );
  });

  it('finds nothing for a key result of an acyclic graph with nothing risky upstream', () => {
    fc.assert(
      fc.property(world, ({ ids, edges: graph, healthById }) => {
        // Keep the edges from a higher to a lower index only: no loops.
        const index = (id: string) => Number(id.slice(1));
        const acyclic = graph.filter((e) => index(e.from) > index(e.to));
        const risk = dependencyRisk(acyclic, healthById);
        for (const id of ids) {
          const upstream = new Set<string>();
          const stack = [id];
          while (stack.length > 0) {
            const node = stack.pop() as string;
            for (const e of acyclic)
              if (e.from === node && !upstream.has(e.to)) {
                upstream.add(e.to);
                stack.push(e.to);
              }
          }
          const riskyUpstream = [...upstream].some((u) => {
            const h = healthById.get(u);
            return h === 'at_risk' || h === 'off_track';
          });
          expect(risk.has(id)).toBe(riskyUpstream);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same answer for a key result from the part of the graph upstream of it', () => {
    fc.assert(
      fc.property(world, ({ ids, edges: graph, healthById }) => {
        const whole = dependencyRisk(graph, healthById);
        for (const id of ids) {
          const upstream = new Set([id]);
          for (let grew = true; grew;) {
            grew = false;
            for (const e of graph)
              if (upstream.has(e.from) && !upstream.has(e.to)) {
                upstream.add(e.to);
                grew = true;
              }
          }
          const part = dependencyRisk(
            graph.filter((e) => upstream.has(e.from)),
            healthById,
          ).get(id);
          expect(part?.level).toBe(whole.get(id)?.level);
          expect(part?.path.length).toBe(whole.get(id)?.path.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
