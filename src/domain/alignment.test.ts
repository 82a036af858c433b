import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OBJECTIVE_LEVELS, type ObjectiveLevel } from '../contracts/model.ts';
import {
  ALLOWED_PARENT_LEVELS,
  ancestorsOf,
  checkAlignment,
  descendantsOf,
  findCycle,
  type AlignmentNode,
} from './alignment.ts';
import type { AlignmentEdge } from './progress.ts';

const Q1 = { startDate: '2026-01-01', endDate: '2026-03-31' };
const YEAR = { startDate: '2026-01-01', endDate: '2026-12-31' };

function node(
  id: string,
  level: ObjectiveLevel = 'team',
  cycle: AlignmentNode['cycle'] = Q1,
): AlignmentNode {
  return { id, level, cycle };
}

function edge(childId: string, parentId: string): AlignmentEdge {
  return { childId, parentId };
}

/** Can `from` reach `to` following child → parent edges (one or more steps)? Plain DFS. */
function reaches(from: string, to: string, edges: AlignmentEdge[]): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const e of edges) {
      if (e.childId !== current) continue;
      if (e.parentId === to) return true;
      if (!seen.has(e.parentId)) {
        seen.add(e.parentId);
        stack.push(e.parentId);
      }
    }
  }
  return false;
}

function isEdge(edges: AlignmentEdge[], childId: string, parentId: string): boolean {
  return edges.some((e) => e.childId === childId && e.parentId === parentId);
}

/** A random graph, loops allowed, over a few ids. */
const randomGraph = fc.array(
  fc.record({
    childId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    parentId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  }),
  { maxLength: 14 },
);
const anyId = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');

describe('ALLOWED_PARENT_LEVELS', () => {
  const expected: Record<ObjectiveLevel, ObjectiveLevel[]> = {
    individual: ['team', 'shared', 'company'],
    team: ['team', 'shared', 'company'],
    shared: ['company', 'shared'],
    company: [],
  };
  const rows = OBJECTIVE_LEVELS.flatMap((child) =>
    OBJECTIVE_LEVELS.map((parent) => ({
      child,
      parent,
      allowed: expected[child].includes(parent),
    })),
  );
  it.each(rows)('$child → $parent allowed: $allowed', ({ child, parent, allowed }) => {
    const problems = checkAlignment(node('c', child), [node('p', parent)], []);
    expect(problems.some((p) => p.code === 'level_not_allowed')).toBe(!allowed);
    expect(ALLOWED_PARENT_LEVELS[child].includes(parent)).toBe(allowed);
  });
});

describe('checkAlignment', () => {
  it('accepts a valid alignment', () => {
    expect(checkAlignment(node('team'), [node('company', 'company')], [])).toEqual([]);
  });

  it('rejects aligning an objective to itself', () => {
    const problems = checkAlignment(node('a'), [node('a')], []);
    expect(problems).toEqual([expect.objectContaining({ code: 'self_alignment', parentId: 'a' })]);
  });

  it('reports a parent listed twice once, as a duplicate', () => {
    const parent = node('company', 'company');
    const problems = checkAlignment(node('team'), [parent, parent], []);
    expect(problems.map((p) => p.code)).toEqual(['duplicate_parent']);
  });

  it('does not treat the child’s current alignment as a duplicate (the check serves updates)', () => {
    const problems = checkAlignment(
      node('team'),
      [node('company', 'company')],
      [edge('team', 'company')],
    );
    expect(problems).toEqual([]);
  });

  it.each([
    { parentCycle: Q1, ok: true, why: 'same cycle' },
    { parentCycle: YEAR, ok: true, why: 'a year encloses its quarter' },
    {
      parentCycle: { startDate: '2026-01-02', endDate: '2026-12-31' },
      ok: false,
      why: 'starts later',
    },
    {
      parentCycle: { startDate: '2026-01-01', endDate: '2026-03-30' },
      ok: false,
      why: 'ends earlier',
    },
    {
      parentCycle: { startDate: '2026-04-01', endDate: '2026-06-30' },
      ok: false,
      why: 'next quarter',
    },
  ])('parent cycle $parentCycle.startDate..$parentCycle.endDate ($why)', ({ parentCycle, ok }) => {
    const problems = checkAlignment(
      node('team', 'team', Q1),
      [node('p', 'company', parentCycle)],
      [],
    );
    expect(problems.some((p) => p.code === 'cycle_not_enclosing')).toBe(!ok);
  });

  it('reports a loop with its path', () => {
    // b → a and c → b exist; aligning a → c closes a → c → b → a.
    const problems = checkAlignment(node('a'), [node('c')], [edge('b', 'a'), edge('c', 'b')]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'alignment_loop',
        parentId: 'c',
        path: ['a', 'c', 'b', 'a'],
      }),
    ]);
  });

  it('reports several problems for one parent and checks every parent', () => {
    const problems = checkAlignment(
      node('company', 'company'),
      [
        node('team', 'team', { startDate: '2026-02-01', endDate: '2026-02-28' }),
        node('other', 'company'),
      ],
      [edge('team', 'company')],
    );
    expect(problems.map((p) => [p.code, p.parentId])).toEqual([
      ['level_not_allowed', 'team'],
      ['cycle_not_enclosing', 'team'],
      ['alignment_loop', 'team'],
      ['level_not_allowed', 'other'],
    ]);
  });

  it('agrees with a naive reachability check on random graphs, with a real loop path', () => {
    fc.assert(
      fc.property(randomGraph, anyId, anyId, (edges, childId, parentId) => {
        const problems = checkAlignment(node(childId), [node(parentId)], edges);
        const loop = problems.find((p) => p.code === 'alignment_loop');
        if (childId === parentId) {
          expect(problems.map((p) => p.code)).toEqual(['self_alignment']);
          return;
        }
        expect(loop !== undefined).toBe(reaches(parentId, childId, edges));
        if (loop === undefined) return;
        const path = loop.path ?? [];
        expect(path[0]).toBe(childId);
        expect(path[1]).toBe(parentId);
        expect(path[path.length - 1]).toBe(childId);
        for (let i = 1; i + 1 < path.length; i++) {
          expect(isEdge(edges, path[i] as string, path[i + 1] as string)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('handles 100,000 existing alignments', () => {
    const edges: AlignmentEdge[] = [];
    for (let i = 1; i < 100_000; i++) edges.push(edge(`o${i}`, `o${i - 1}`));
    const problems = checkAlignment(node('o0'), [node('o99999'), node('x')], edges);
    expect(problems.map((p) => [p.code, p.parentId, p.path?.length])).toEqual([
      ['alignment_loop', 'o99999', 100_001],
    ]);
  });
});

describe('ancestorsOf / descendantsOf', () => {
  const edges = [
    edge('person', 'team-a'),
    edge('person', 'team-b'),
    edge('team-a', 'company'),
    edge('team-b', 'company'),
  ];

  it('walks up and down breadth first, each objective once', () => {
    expect(ancestorsOf('person', edges)).toEqual(['team-a', 'team-b', 'company']);
    expect(descendantsOf('company', edges)).toEqual(['team-a', 'team-b', 'person']);
    expect(ancestorsOf('company', edges)).toEqual([]);
    expect(descendantsOf('unknown', edges)).toEqual([]);
  });

  it('terminates on loops and never lists the start', () => {
    expect(ancestorsOf('a', [edge('a', 'b'), edge('b', 'a')])).toEqual(['b']);
  });

  it('agree with naive reachability on random graphs', () => {
    fc.assert(
      fc.property(randomGraph, anyId, (edges, id) => {
        const ids = ['a', 'b', 'c', 'd', 'e', 'f'].filter((other) => other !== id);
        const ancestors = ancestorsOf(id, edges);
        const descendants = descendantsOf(id, edges);
        expect(new Set(ancestors).size).toBe(ancestors.length);
        expect(new Set(descendants).size).toBe(descendants.length);
        expect(new Set(ancestors)).toEqual(
          new Set(ids.filter((other) => reaches(id, other, edges))),
        );
        expect(new Set(descendants)).toEqual(
          new Set(ids.filter((other) => reaches(other, id, edges))),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('findCycle', () => {
  it.each([
    { edges: [], cycle: null },
    { edges: [edge('a', 'b'), edge('b', 'c'), edge('a', 'c')], cycle: null },
    { edges: [edge('a', 'a')], cycle: ['a', 'a'] },
    { edges: [edge('a', 'b'), edge('b', 'a')], cycle: ['a', 'b', 'a'] },
    {
      edges: [edge('x', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a')],
      cycle: ['a', 'b', 'c', 'a'],
    },
  ])('$edges → $cycle', ({ edges, cycle }) => {
    expect(findCycle(edges)).toEqual(cycle);
  });

  it('finds a loop exactly when one exists, and the loop is real', () => {
    fc.assert(
      fc.property(randomGraph, (edges) => {
        const hasLoop = edges.some((e) => reaches(e.childId, e.childId, edges));
        const cycle = findCycle(edges);
        expect(cycle !== null).toBe(hasLoop);
        if (cycle === null) return;
        expect(cycle.length).toBeGreaterThanOrEqual(2);
        expect(cycle[0]).toBe(cycle[cycle.length - 1]);
        expect(new Set(cycle.slice(1)).size).toBe(cycle.length - 1); // a simple loop
        for (let i = 0; i + 1 < cycle.length; i++) {
          expect(isEdge(edges, cycle[i] as string, cycle[i + 1] as string)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('handles a 100,000-deep chain without recursion', () => {
    const edges: AlignmentEdge[] = [];
    for (let i = 1; i < 100_000; i++) edges.push(edge(`o${i}`, `o${i - 1}`));
    expect(findCycle(edges)).toBeNull();
    edges.push(edge('o0', 'o99999'));
    expect(findCycle(edges)?.length).toBe(100_001);
  });
});
