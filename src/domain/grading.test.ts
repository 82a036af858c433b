import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalScore, gradeState, groupScores, suggestedScore } from './grading.ts';

const score = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const rowArb = fc.record({
  key: fc.constantFrom('Growth', 'Platform', 'Company'),
  proposed: score,
  confirmed: score,
});

describe('grading', () => {
  it('suggests the weighted mean of the key results and 0 without any', () => {
    expect(
      suggestedScore([
        { kind: 'number', direction: 'increase', start: 0, target: 100, current: 50, weight: 1 },
        { kind: 'number', direction: 'increase', start: 0, target: 10, current: 10, weight: 3 },
      ]),
    ).toBe(0.88);
    expect(suggestedScore([])).toBe(0);
  });

  it('counts the confirmed score over the proposal', () => {
    expect(finalScore({ proposed: 0.4, confirmed: 0.6 })).toBe(0.6);
    expect(finalScore({ proposed: 0.4, confirmed: null })).toBe(0.4);
    expect(gradeState({ proposed: 0.4, confirmed: null })).toBe('proposed');
    expect(gradeState({ proposed: null, confirmed: null })).toBe('not_proposed');
  });

  it('groups every objective once, with averages inside the scores of the group', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const groups = groupScores(rows);
        expect(groups.reduce((n, g) => n + g.objectives, 0)).toBe(rows.length);
        for (const group of groups) {
          const mine = rows.filter((r) => r.key === group.key);
          const scores = mine.map(finalScore).filter((s): s is number => s !== null);
          expect(group.scored).toBe(scores.length);
          expect(group.confirmed).toBe(mine.filter((r) => r.confirmed !== null).length);
          if (scores.length === 0) expect(group.average).toBeNull();
          else {
            expect(group.average).not.toBeNull();
            expect(group.average ?? -1).toBeGreaterThanOrEqual(
              Math.floor(Math.min(...scores) * 100) / 100,
            );
            expect(group.average ?? 2).toBeLessThanOrEqual(
              Math.ceil(Math.max(...scores) * 100) / 100,
            );
          }
        }
      }),
    );
  });
});
