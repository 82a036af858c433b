import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KR_DIRECTIONS, KR_KINDS } from '../contracts/model.ts';
import { keyResultProgress } from './progress.ts';
import { keyResultScore, objectiveScore, scoreBand } from './scoring.ts';

describe('keyResultScore', () => {
  it.each([
    { kind: 'number', direction: 'increase', start: 0, target: 3, current: 1, score: 0.33 },
    { kind: 'number', direction: 'increase', start: 0, target: 3, current: 2, score: 0.67 },
    { kind: 'number', direction: 'increase', start: 0, target: 1000, current: 285, score: 0.29 }, // half up
    { kind: 'currency', direction: 'decrease', start: 100, target: 0, current: 30, score: 0.7 },
    { kind: 'percentage', direction: 'at_least', start: 90, target: 95, current: 96, score: 1 },
    { kind: 'percentage', direction: 'at_least', start: 90, target: 95, current: 94.999, score: 1 }, // rounds, not met
    { kind: 'number', direction: 'at_most', start: 10, target: 5, current: 5, score: 1 },
    { kind: 'number', direction: 'at_most', start: 10, target: 5, current: 8, score: 0.4 },
    { kind: 'milestone', direction: 'increase', start: 0, target: 1, current: 1, score: 1 },
    { kind: 'milestone', direction: 'increase', start: 0, target: 1, current: 0, score: 0 },
    { kind: 'number', direction: 'increase', start: 0, target: null, current: 50, score: 0 },
  ] as const)('$kind $direction $start→$target at $current scores $score', ({ score, ...kr }) => {
    expect(keyResultScore(kr)).toBe(score);
  });

  it('is the progress rounded to two decimals, within [0, 1]', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom(...KR_KINDS),
          direction: fc.constantFrom(...KR_DIRECTIONS),
          start: finite,
          target: fc.option(finite, { nil: null }),
          current: finite,
        }),
        (kr) => {
          const score = keyResultScore(kr);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
          expect(Math.round(score * 100) / 100).toBe(score);
          expect(Math.abs(score - keyResultProgress(kr))).toBeLessThanOrEqual(0.005 + 1e-9);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('objectiveScore', () => {
  it.each([
    { krs: [], score: null },
    { krs: [{ score: 1, weight: 0 }], score: null },
    { krs: [{ score: 0.7, weight: 1 }], score: 0.7 },
    {
      krs: [
        { score: 1, weight: 1 },
        { score: 0, weight: 2 },
      ],
      score: 0.33,
    },
    {
      krs: [
        { score: 1, weight: 2 },
        { score: 0, weight: 1 },
      ],
      score: 0.67,
    },
    {
      krs: [
        { score: 0.5, weight: 1 },
        { score: 1, weight: -1 },
      ],
      score: 0.5,
    },
    {
      krs: [
        { score: 0.3, weight: Number.MAX_VALUE },
        { score: 0.5, weight: Number.MAX_VALUE },
      ],
      score: 0.4,
    },
  ])('$krs → $score', ({ krs, score }) => {
    expect(objectiveScore(krs)).toBe(score);
  });
});

describe('scoreBand', () => {
  it.each([
    [0, 'missed'],
    [0.39, 'missed'],
    [0.4, 'progress'],
    [0.69, 'progress'],
    [0.7, 'delivered'],
    [1, 'delivered'],
  ] as const)('%s → %s', (score, band) => {
    expect(scoreBand(score)).toBe(band);
  });
});
