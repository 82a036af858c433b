import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KR_DIRECTIONS, KR_KINDS, type Health, type KrDirection } from '../contracts/model.ts';
import {
  confidenceBand,
  expectedProgress,
  healthOf,
  isThresholdMet,
  keyResultProgress,
  objectiveOwnProgress,
  rollUpProgress,
  type AlignmentEdge,
  type KeyResultValues,
  type RollUpObjective,
} from './progress.ts';

const MEASURED_KINDS = ['number', 'percentage', 'currency'] as const;

/** Any finite double, including the extremes that overflow naive subtraction. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

describe('keyResultProgress', () => {
  // [direction, start, target, current, expected progress]
  const cases: [KrDirection, number, number | null, number, number][] = [
    // increase
    ['increase', 0, 100, 0, 0],
    ['increase', 0, 100, 50, 0.5],
    ['increase', 0, 100, 100, 1],
    ['increase', 0, 100, 150, 1],
    ['increase', 0, 100, -10, 0],
    ['increase', 20, 70, 45, 0.5],
    ['increase', -50, 50, 0, 0.5],
    ['increase', 10, 10, 10, 1], // start === target: reached
    ['increase', 10, 10, 11, 1],
    ['increase', 10, 10, 9, 0],
    ['increase', 10, 5, 7, 1], // misconfigured (target below start): judged as reached or not
    ['increase', 10, 5, 4, 0],
    ['increase', -1e308, 1e308, 0, 0.5], // span overflows to Infinity
    ['increase', 0, 100, Number.MAX_VALUE, 1],
    ['increase', 0, null, 50, 0], // baseline first
    // decrease
    ['decrease', 100, 20, 100, 0],
    ['decrease', 100, 20, 60, 0.5],
    ['decrease', 100, 20, 20, 1],
    ['decrease', 100, 20, 0, 1],
    ['decrease', 100, 20, 120, 0],
    ['decrease', 0, -10, -5, 0.5],
    ['decrease', 10, 10, 10, 1], // start === target: reached
    ['decrease', 10, 10, 9, 1],
    ['decrease', 10, 10, 11, 0],
    ['decrease', 5, 10, 7, 1], // misconfigured (target above start)
    ['decrease', 5, 10, 11, 0],
    ['decrease', 1e308, -1e308, 0, 0.5],
    ['decrease', 100, null, 10, 0],
    // at_least: a threshold to stay at or above
    ['at_least', 50, 80, 80, 1], // met
    ['at_least', 50, 80, 95, 1], // met
    ['at_least', 50, 80, 65, 0.5], // not met: way from start up to target
    ['at_least', 50, 80, 40, 0],
    ['at_least', 100, 80, 60, 0.75], // fell below from above: current / target
    ['at_least', 80, 80, 40, 0.5],
    ['at_least', 5, 0, 0, 1], // target 0 met
    ['at_least', 5, 0, -1, 0], // target 0 guarded
    ['at_least', 0, -10, -20, 0], // negative target, not met
    ['at_least', 0, null, 100, 0],
    // at_most: a threshold to stay at or below
    ['at_most', 100, 50, 50, 1], // met
    ['at_most', 100, 50, 10, 1], // met
    ['at_most', 100, 50, 75, 0.5], // not met: way from start down to target
    ['at_most', 100, 50, 120, 0],
    ['at_most', 30, 50, 60, 0], // started below, now above
    ['at_most', 50, 50, 51, 0],
    ['at_most', 30, 50, 20, 1],
    ['at_most', 30, null, 0, 0],
  ];

  const rows = cases.flatMap(([direction, start, target, current, expected]) =>
    MEASURED_KINDS.map((kind) => ({ kind, direction, start, target, current, expected })),
  );

  it.each(rows)(
    '$kind $direction start=$start target=$target current=$current → $expected',
    ({ expected, ...kr }) => {
      expect(keyResultProgress(kr)).toBeCloseTo(expected, 12);
    },
  );

  const milestoneRows = KR_DIRECTIONS.flatMap((direction) =>
    (
      [
        [0, null, 0],
        [0.99, 1, 0],
        [1, 1, 1],
        [1, null, 1], // milestones need no target: done is done
        [2, 1, 1],
        [-1, 1, 0],
      ] as const
    ).map(([current, target, expected]) => ({ direction, current, target, expected })),
  );

  it.each(milestoneRows)(
    'milestone $direction current=$current target=$target → $expected',
    ({ direction, current, target, expected }) => {
      expect(keyResultProgress({ kind: 'milestone', direction, start: 0, target, current })).toBe(
        expected,
      );
    },
  );

  const anyKeyResult = fc.record({
    kind: fc.constantFrom(...KR_KINDS),
    direction: fc.constantFrom(...KR_DIRECTIONS),
    start: finite,
    target: fc.option(finite, { nil: null }),
    current: finite,
  });

  it('is always finite and within [0, 1] for finite inputs', () => {
    fc.assert(
      fc.property(anyKeyResult, (kr) => {
        const progress = keyResultProgress(kr);
        expect(Number.isFinite(progress)).toBe(true);
        expect(progress).toBeGreaterThanOrEqual(0);
        expect(progress).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  /** Direction → +1 when more `current` may only help, -1 when it may only hurt. */
  const monotonicSign: Record<KrDirection, 1 | -1> = {
    increase: 1,
    at_least: 1,
    decrease: -1,
    at_most: -1,
  };

  it('is monotonic in current: up for increase/at_least/milestone, down for decrease/at_most', () => {
    fc.assert(
      fc.property(anyKeyResult, finite, (kr, other) => {
        const [low, high] = kr.current <= other ? [kr.current, other] : [other, kr.current];
        const atLow = keyResultProgress({ ...kr, current: low });
        const atHigh = keyResultProgress({ ...kr, current: high });
        // Milestones ignore the direction: done (current >= 1) only ever helps.
        if (kr.kind === 'milestone' || monotonicSign[kr.direction] === 1)
          expect(atHigh).toBeGreaterThanOrEqual(atLow);
        else expect(atHigh).toBeLessThanOrEqual(atLow);
      }),
      { numRuns: 2000 },
    );
  });

  it('is 1 exactly when a threshold is met', () => {
    fc.assert(
      fc.property(anyKeyResult, (kr) => {
        if (isThresholdMet(kr) === true) expect(keyResultProgress(kr)).toBe(1);
        if (isThresholdMet(kr) === false) expect(keyResultProgress(kr)).toBeLessThan(1);
      }),
    );
  });
});

describe('isThresholdMet', () => {
  const base = { kind: 'number', start: 0, current: 10 } as const;
  it.each([
    { direction: 'at_least', target: 10, expected: true },
    { direction: 'at_least', target: 11, expected: false },
    { direction: 'at_most', target: 10, expected: true },
    { direction: 'at_most', target: 9, expected: false },
    { direction: 'at_least', target: null, expected: null }, // no threshold yet
    { direction: 'increase', target: 5, expected: null },
    { direction: 'decrease', target: 5, expected: null },
  ] as const)('$direction target=$target → $expected', ({ direction, target, expected }) => {
    expect(isThresholdMet({ ...base, direction, target })).toBe(expected);
  });

  it('is null for milestones', () => {
    const milestone: KeyResultValues = {
      kind: 'milestone',
      direction: 'at_least',
      start: 0,
      target: 1,
      current: 1,
    };
    expect(isThresholdMet(milestone)).toBeNull();
  });
});

describe('objectiveOwnProgress', () => {
  it.each([
    { krs: [], expected: null },
    { krs: [{ progress: 0.5, weight: 0 }], expected: null },
    { krs: [{ progress: 0.5, weight: -2 }], expected: null },
    { krs: [{ progress: 0.5, weight: 1 }], expected: 0.5 },
    {
      krs: [
        { progress: 1, weight: 1 },
        { progress: 0, weight: 1 },
      ],
      expected: 0.5,
    },
    {
      krs: [
        { progress: 1, weight: 3 },
        { progress: 0, weight: 1 },
      ],
      expected: 0.75,
    },
    {
      krs: [
        { progress: 1, weight: 2 },
        { progress: 0, weight: 0 },
        { progress: 0, weight: -1 },
      ],
      expected: 1,
    },
    {
      krs: [
        { progress: 1, weight: Number.MAX_VALUE },
        { progress: 0, weight: Number.MAX_VALUE },
      ],
      expected: 0.5,
    },
    { krs: [{ progress: 7, weight: 1 }], expected: 1 }, // out-of-range progress is clamped
  ])('$krs → $expected', ({ krs, expected }) => {
    const progress = objectiveOwnProgress(krs);
    if (expected === null) expect(progress).toBeNull();
    else expect(progress).toBeCloseTo(expected, 12);
  });
});

function objective(
  id: string,
  keyResults: { progress: number; weight: number }[],
  includeChildren = true,
): RollUpObjective {
  return { id, includeChildren, keyResults };
}

describe('rollUpProgress', () => {
  it('gives own progress without children and 0 to an objective with nothing', () => {
    const result = rollUpProgress(
      [objective('a', [{ progress: 0.4, weight: 1 }], false), objective('empty', [])],
      [],
    );
    expect(result.get('a')).toBeCloseTo(0.4);
    expect(result.get('empty')).toBe(0);
  });

  it('counts each aligned child with weight 1 next to the own key results', () => {
    const result = rollUpProgress(
      [
        objective('company', [{ progress: 1, weight: 2 }]),
        objective('team-a', [{ progress: 0.5, weight: 1 }]),
        objective('team-b', [{ progress: 0, weight: 1 }]),
      ],
      [
        { childId: 'team-a', parentId: 'company' },
        { childId: 'team-b', parentId: 'company' },
      ],
    );
    // (2 * 1 + 1 * 0.5 + 1 * 0) / (2 + 1 + 1)
    expect(result.get('company')).toBeCloseTo(2.5 / 4);
  });

  it('rolls up through several levels and counts a shared child once per parent', () => {
    const result = rollUpProgress(
      [
        objective('company', []),
        objective('team-a', []),
        objective('team-b', [{ progress: 1, weight: 1 }]),
        objective('person', [{ progress: 0.5, weight: 1 }]),
      ],
      [
        { childId: 'team-a', parentId: 'company' },
        { childId: 'team-b', parentId: 'company' },
        { childId: 'person', parentId: 'team-a' },
        { childId: 'person', parentId: 'team-b' },
        { childId: 'person', parentId: 'team-b' }, // duplicate edge counts once
      ],
    );
    expect(result.get('person')).toBeCloseTo(0.5);
    expect(result.get('team-a')).toBeCloseTo(0.5);
    expect(result.get('team-b')).toBeCloseTo(0.75);
    expect(result.get('company')).toBeCloseTo(0.625);
  });

  it('uses a child’s own progress when that child does not include its children', () => {
    const result = rollUpProgress(
      [
        objective('company', []),
        objective('team', [{ progress: 0.2, weight: 1 }], false),
        objective('person', [{ progress: 1, weight: 1 }]),
      ],
      [
        { childId: 'team', parentId: 'company' },
        { childId: 'person', parentId: 'team' },
      ],
    );
    expect(result.get('team')).toBeCloseTo(0.2);
    expect(result.get('company')).toBeCloseTo(0.2);
  });

  it('leaves out children with nothing to measure and ignores edges to unknown objectives', () => {
    const result = rollUpProgress(
      [objective('company', [{ progress: 0.8, weight: 1 }]), objective('draft-team', [])],
      [
        { childId: 'draft-team', parentId: 'company' },
        { childId: 'ghost', parentId: 'company' },
        { childId: 'company', parentId: 'ghost' },
      ],
    );
    expect(result.get('company')).toBeCloseTo(0.8);
    expect(result.get('draft-team')).toBe(0);
    expect(result.has('ghost')).toBe(false);
  });

  it('throws an error naming an objective of an alignment loop', () => {
    const objectives = [
      objective('a', []),
      objective('b', []),
      objective('c', []),
      objective('d', []),
    ];
    const edges = [
      { childId: 'd', parentId: 'a' },
      { childId: 'a', parentId: 'b' },
      { childId: 'b', parentId: 'c' },
      { childId: 'c', parentId: 'a' },
    ];
    expect(() => rollUpProgress(objectives, edges)).toThrow(/Alignment loop at objective "[abc]"/);
    expect(() =>
      rollUpProgress([objective('solo', [])], [{ childId: 'solo', parentId: 'solo' }]),
    ).toThrow(/"solo"/);
  });

  it('ignores a loop among objectives that do not include their children', () => {
    const objectives = [
      objective('a', [], false),
      objective('b', [{ progress: 1, weight: 1 }], false),
    ];
    const result = rollUpProgress(objectives, [
      { childId: 'a', parentId: 'b' },
      { childId: 'b', parentId: 'a' },
    ]);
    expect(result.get('b')).toBe(1);
  });

  it(
    'handles a 100,000-deep chain and a 100,000-wide tree without recursion',
    () => {
      const size = 100_000;
      const chain: RollUpObjective[] = [];
      const chainEdges: AlignmentEdge[] = [];
      for (let i = 0; i < size; i++) {
        chain.push(objective(`o${i}`, i === size - 1 ? [{ progress: 1, weight: 1 }] : []));
        if (i > 0) chainEdges.push({ childId: `o${i}`, parentId: `o${i - 1}` });
      }
      expect(rollUpProgress(chain, chainEdges).get('o0')).toBe(1);

      const tree: RollUpObjective[] = [objective('root', [])];
      const treeEdges: AlignmentEdge[] = [];
      for (let i = 1; i < size; i++) {
        tree.push(objective(`t${i}`, [{ progress: i % 2, weight: 1 }]));
        treeEdges.push({ childId: `t${i}`, parentId: i < 1000 ? 'root' : `t${(i % 999) + 1}` });
      }
      const result = rollUpProgress(tree, treeEdges);
      expect(result.size).toBe(size);
      expect(result.get('root')).toBeGreaterThan(0);
      expect(result.get('root')).toBeLessThan(1);
    },
  );

  /** A random DAG: edges only go from a later objective (child) to an earlier one (parent). */
  const randomForest = fc
    .integer({ min: 1, max: 25 })
    .chain((size) =>
      fc.record({
        objectives: fc.tuple(
          ...Array.from({ length: size }, (_, index) =>
            fc.record({
              id: fc.constant(`o${index}`),
              includeChildren: fc.boolean(),
              keyResults: fc.array(
                fc.record({
                  progress: fc.double({ min: 0, max: 1, noNaN: true }),
                  weight: fc.integer({ min: -1, max: 5 }),
                }),
                { maxLength: 4 },
              ),
            }),
          ),
        ),
        edges: fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: size }), fc.integer({ min: 0, max: size }))
            .filter(([a, b]) => a !== b)
            // index `size` is unknown to the objectives: such edges must be ignored
            .map(([a, b]) => ({ childId: `o${Math.max(a, b)}`, parentId: `o${Math.min(a, b)}` })),
          { maxLength: size * 3 },
        ),
        order: fc.array(fc.nat(), { minLength: size, maxLength: size }),
      }),
    )
    .map(({ objectives, edges, order }) => ({
      // shuffle the input order so the roll-up cannot rely on it
      objectives: objectives
        .map((o, index) => ({ o, key: order[index] ?? 0 }))
        .sort((x, y) => x.key - y.key)
        .map(({ o }) => o),
      edges,
    }));

  /** The definition, written as plainly as possible: recursion, no memo, no scaling. */
  function naiveRollUp(objectives: RollUpObjective[], edges: AlignmentEdge[]): Map<string, number> {
    const byId = new Map(objectives.map((o) => [o.id, o]));
    const progressOf = (id: string): number | null => {
      const o = byId.get(id);
      if (o === undefined) return null;
      const entries = o.keyResults.map((kr) => ({ value: kr.progress, weight: kr.weight }));
      if (o.includeChildren) {
        const children = new Set(edges.filter((e) => e.parentId === id).map((e) => e.childId));
        for (const child of children) {
          const value = progressOf(child);
          if (value !== null) entries.push({ value, weight: 1 });
        }
      }
      const used = entries.filter((e) => e.weight > 0);
      if (used.length === 0) return null;
      const total = used.reduce((sum, e) => sum + e.weight, 0);
      return used.reduce((sum, e) => sum + e.weight * e.value, 0) / total;
    };
    return new Map(objectives.map((o) => [o.id, progressOf(o.id) ?? 0]));
  }

  it('agrees with a naive recursive reference on random DAGs', () => {
    fc.assert(
      fc.property(randomForest, ({ objectives, edges }) => {
        const result = rollUpProgress(objectives, edges);
        const reference = naiveRollUp(objectives, edges);
        expect(result.size).toBe(objectives.length);
        for (const [id, expected] of reference) expect(result.get(id)).toBeCloseTo(expected, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('stays within [0, 1] and equals own progress when children are not included', () => {
    fc.assert(
      fc.property(randomForest, ({ objectives, edges }) => {
        const result = rollUpProgress(objectives, edges);
        for (const o of objectives) {
          const progress = result.get(o.id) ?? Number.NaN;
          expect(progress).toBeGreaterThanOrEqual(0);
          expect(progress).toBeLessThanOrEqual(1);
          if (!o.includeChildren) expect(progress).toBe(objectiveOwnProgress(o.keyResults) ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never loops forever: random graphs with loops either compute or throw', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ childId: fc.constantFrom(...ids), parentId: fc.constantFrom(...ids) }),
        ),
        (edges) => {
          const objectives = ids.map((id) => objective(id, [{ progress: 0.5, weight: 1 }]));
          try {
            const result = rollUpProgress(objectives, edges);
            expect(result.size).toBe(ids.length);
          } catch (error) {
            expect(String(error)).toMatch(/Alignment loop at objective "[a-e]"/);
          }
        },
      ),
    );
  });
});

describe('expectedProgress', () => {
  const quarter = { startDate: '2026-01-01', endDate: '2026-03-31' }; // 90 days
  it.each([
    { at: '2025-12-31T23:59:59.999Z', expected: 0 },
    { at: '2026-01-01T00:00:00.000Z', expected: 0 },
    { at: '2026-01-10T00:00:00.000Z', expected: 9 / 90 },
    { at: '2026-02-15T00:00:00.000Z', expected: 45 / 90 },
    { at: '2026-03-31T12:00:00.000Z', expected: 89.5 / 90 },
    { at: '2026-04-01T00:00:00.000Z', expected: 1 }, // end date is inclusive to 24:00
    { at: '2027-01-01T00:00:00.000Z', expected: 1 },
  ])('at $at → $expected', ({ at, expected }) => {
    expect(expectedProgress(quarter, new Date(at))).toBeCloseTo(expected, 12);
  });

  it('treats a one-day cycle as running the whole day', () => {
    const day = { startDate: '2026-05-05', endDate: '2026-05-05' };
    expect(expectedProgress(day, new Date('2026-05-05T12:00:00Z'))).toBeCloseTo(0.5);
  });

  it('rejects invalid dates', () => {
    expect(() =>
      expectedProgress({ startDate: '2026-02-30', endDate: '2026-03-31' }, new Date()),
    ).toThrow(RangeError);
    expect(() =>
      expectedProgress({ startDate: '2026-1-1', endDate: '2026-03-31' }, new Date()),
    ).toThrow(RangeError);
    expect(() => expectedProgress(quarter, new Date('nonsense'))).toThrow(RangeError);
  });

  it('is monotonic in time and within [0, 1]', () => {
    const day = 86_400_000;
    const base = Date.UTC(2020, 0, 1);
    const isoDay = (offset: number): string =>
      new Date(base + offset * day).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: -100 * day, max: 3500 * day }),
        fc.integer({ min: 0, max: 500 * day }),
        (startOffset, length, at, later) => {
          const cycle = { startDate: isoDay(startOffset), endDate: isoDay(startOffset + length) };
          const before = expectedProgress(cycle, new Date(base + at));
          const after = expectedProgress(cycle, new Date(base + at + later));
          expect(before).toBeGreaterThanOrEqual(0);
          expect(after).toBeLessThanOrEqual(1);
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });
});

describe('confidenceBand', () => {
  it.each([
    [0, 'low'],
    [0.39, 'low'],
    [0.4, 'medium'],
    [0.69, 'medium'],
    [0.7, 'high'],
    [1, 'high'],
    [Number.NaN, 'low'],
  ] as const)('%s → %s', (confidence, band) => {
    expect(confidenceBand(confidence)).toBe(band);
  });
});

describe('healthOf', () => {
  it.each([
    // pace alone
    { progress: 0.5, expected: 0.5, confidence: null, health: 'on_track' },
    { progress: 0.6, expected: 0.5, confidence: null, health: 'on_track' },
    { progress: 0.25, expected: 0.35, confidence: null, health: 'on_track' }, // gap 0.10, inclusive
    { progress: 0.25, expected: 0.36, confidence: null, health: 'at_risk' },
    { progress: 0.25, expected: 0.5, confidence: null, health: 'at_risk' }, // gap 0.25, inclusive
    { progress: 0.24, expected: 0.5, confidence: null, health: 'off_track' },
    { progress: 0, expected: 1, confidence: null, health: 'off_track' },
    // early in the cycle progress alone is never off track
    { progress: 0, expected: 0.09, confidence: null, health: 'on_track' },
    // confidence
    { progress: 0.5, expected: 0.5, confidence: 0.39, health: 'at_risk' }, // low caps at at_risk
    { progress: 0, expected: 0.05, confidence: 0.1, health: 'at_risk' },
    { progress: 0.5, expected: 0.5, confidence: 0.4, health: 'on_track' },
    { progress: 0, expected: 1, confidence: 1, health: 'off_track' }, // optimism hides nothing
    { progress: 0.3, expected: 0.5, confidence: 0.9, health: 'at_risk' },
    // done is done
    { progress: 1, expected: 1, confidence: 0, health: 'on_track' },
  ] as const)(
    'progress=$progress expected=$expected confidence=$confidence → $health',
    ({ health, ...input }) => {
      expect(healthOf(input)).toBe(health);
    },
  );

  const rank: Record<Health, number> = { on_track: 0, at_risk: 1, off_track: 2 };
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  const confidence = fc.option(unit, { nil: null });

  it('never gets worse with more progress, more confidence or less expected', () => {
    fc.assert(
      fc.property(unit, unit, unit, confidence, unit, (a, b, expected, conf, otherConf) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const worseWithMore =
          rank[healthOf({ progress: high, expected, confidence: conf })] >
          rank[healthOf({ progress: low, expected, confidence: conf })];
        expect(worseWithMore).toBe(false);

        const [lowExpected, highExpected] = a <= b ? [a, b] : [b, a];
        expect(
          rank[healthOf({ progress: expected, expected: lowExpected, confidence: conf })],
        ).toBeLessThanOrEqual(
          rank[healthOf({ progress: expected, expected: highExpected, confidence: conf })],
        );

        if (conf !== null) {
          const [lowConf, highConf] = conf <= otherConf ? [conf, otherConf] : [otherConf, conf];
          expect(
            rank[healthOf({ progress: low, expected, confidence: highConf })],
          ).toBeLessThanOrEqual(rank[healthOf({ progress: low, expected, confidence: lowConf })]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is at worst at risk early in the cycle (expected < 0.1)', () => {
    fc.assert(
      fc.property(
        unit,
        fc.double({ min: 0, max: 0.0999, noNaN: true }),
        confidence,
        (progress, expected, conf) => {
          expect(healthOf({ progress, expected, confidence: conf })).not.toBe('off_track');
        },
      ),
    );
  });
});
