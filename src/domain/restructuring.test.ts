import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAlignment } from './alignment.ts';
import { alignmentsBrokenByMove, cycleFigures, type CycleSpan } from './restructuring.ts';

/** A cycle as two days of 2026 (day numbers), in order. */
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
const spanArb = fc
  .tuple(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 364 }))
  .map(([a, b]): CycleSpan => ({ startDate: day(Math.min(a, b)), endDate: day(Math.max(a, b)) }));
const nodesArb = (prefix: string) =>
  fc
    .array(spanArb, { maxLength: 6 })
    .map((spans) => spans.map((cycle, i) => ({ id: `${prefix}${i}`, cycle })));

describe('alignmentsBrokenByMove', () => {
  it('breaks a parent exactly when aligning to it anew would be refused for its cycle', () => {
    fc.assert(
      fc.property(spanArb, nodesArb('p'), (cycle, parents) => {
        const broken = new Set(alignmentsBrokenByMove(cycle, parents, []).map((b) => b.id));
        for (const parent of parents) {
          const refused = checkAlignment(
            { id: 'moved', level: 'team', cycle },
            [{ id: parent.id, level: 'company', cycle: parent.cycle }],
            [],
          ).some((p) => p.code === 'cycle_not_enclosing');
          expect(broken.has(parent.id)).toBe(refused);
        }
      }),
    );
  });

  it('breaks a child exactly when the child could no longer align to the moved objective', () => {
    fc.assert(
      fc.property(spanArb, nodesArb('c'), (cycle, children) => {
        const broken = new Set(alignmentsBrokenByMove(cycle, [], children).map((b) => b.id));
        for (const child of children) {
          const refused = checkAlignment(
            { id: child.id, level: 'individual', cycle: child.cycle },
            [{ id: 'moved', level: 'team', cycle }],
            [],
          ).some((p) => p.code === 'cycle_not_enclosing');
          expect(broken.has(child.id)).toBe(refused);
        }
      }),
    );
  });

  it('breaks nothing when the objective stays in a cycle its alignments already accepted', () => {
    fc.assert(
      fc.property(spanArb, spanArb, spanArb, (outer, middle, inner) => {
        // Sort three spans into nesting by construction: outer ⊇ middle ⊇ inner.
        const o = {
          startDate: [outer, middle, inner].map((s) => s.startDate).sort()[0] ?? '',
          endDate: [outer, middle, inner].map((s) => s.endDate).sort()[2] ?? '',
        };
        const m = {
          startDate: [middle.startDate, inner.startDate].sort()[0] ?? '',
          endDate: [middle.endDate, inner.endDate].sort()[1] ?? '',
        };
        expect(
          alignmentsBrokenByMove(m, [{ id: 'p', cycle: o }], [{ id: 'c', cycle: inner }]),
        ).toEqual([]);
      }),
    );
  });

  it('names the side of each broken alignment', () => {
    const q1 = { startDate: '2026-01-01', endDate: '2026-03-31' };
    const q2 = { startDate: '2026-04-01', endDate: '2026-06-30' };
    expect(
      alignmentsBrokenByMove(
        q2,
        [{ id: 'company-q1', cycle: q1 }],
        [{ id: 'mine-q1', cycle: q1 }],
      ).map((b) => [b.side, b.id]),
    ).toEqual([
      ['parent', 'company-q1'],
      ['child', 'mine-q1'],
    ]);
  });
});

describe('cycleFigures', () => {
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  const objectiveArb = fc.record({ progress: unit, score: fc.option(unit, { nil: null }) });

  it('keeps both means between the smallest and largest value they average, ignoring ungraded scores', () => {
    fc.assert(
      fc.property(fc.array(objectiveArb, { maxLength: 12 }), (objectives) => {
        const figures = cycleFigures(objectives);
        const progress = objectives.map((o) => o.progress);
        const scores = objectives.flatMap((o) => (o.score === null ? [] : [o.score]));
        if (progress.length === 0) expect(figures.averageProgress).toBeNull();
        else {
          expect(figures.averageProgress).toBeGreaterThanOrEqual(Math.min(...progress));
          expect(figures.averageProgress).toBeLessThanOrEqual(Math.max(...progress));
        }
        if (scores.length === 0) expect(figures.averageScore).toBeNull();
        else {
          expect(figures.averageScore).toBeGreaterThanOrEqual(Math.min(...scores));
          expect(figures.averageScore).toBeLessThanOrEqual(Math.max(...scores));
        }
      }),
    );
  });

  it('does not change when an ungraded objective joins, for the score', () => {
    fc.assert(
      fc.property(fc.array(objectiveArb, { maxLength: 12 }), unit, (objectives, progress) => {
        expect(cycleFigures([...objectives, { progress, score: null }]).averageScore).toBe(
          cycleFigures(objectives).averageScore,
        );
      }),
    );
  });

  it('is the plain mean on a small example', () => {
    expect(
      cycleFigures([
        { progress: 0.2, score: 0.5 },
        { progress: 0.6, score: null },
      ]),
    ).toEqual({ averageProgress: 0.4, averageScore: 0.5 });
  });
});
