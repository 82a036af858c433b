import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { difference, reviewKeyResult, type ReviewCheckIn } from './team-review.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-02-15T12:00:00Z');

const checkIn = (
  daysAgo: number,
  value: number,
  confidence: number | null = null,
): ReviewCheckIn => ({
  at: NOW - daysAgo * DAY,
  value,
  confidence,
});

describe('reviewKeyResult', () => {
  it('shows what moved since the baseline, with the delta from the value at the baseline', () => {
    const review = reviewKeyResult({
      start: 0,
      checkIns: [checkIn(2, 40, 0.5), checkIn(10, 25, 0.8), checkIn(20, 10, 0.9)],
      baselineAt: NOW - 7 * DAY,
      now: NOW,
      staleAfterDays: 21,
    });
    expect(review).toMatchObject({
      moved: true,
      valueAtBaseline: 25,
      valueNow: 40,
      delta: 15,
      confidenceAtBaseline: 0.8,
      confidenceNow: 0.5,
      confidenceDropped: true,
      stale: false,
    });
    expect(review.checkInsSince.map((c) => c.value)).toEqual([40]);
  });

  it('without a check-in since the baseline nothing moved and the delta is zero; never checked in is stale', () => {
    const review = reviewKeyResult({
      start: 5,
      checkIns: [],
      baselineAt: NOW - 7 * DAY,
      now: NOW,
      staleAfterDays: 21,
    });
    expect(review).toMatchObject({
      moved: false,
      delta: 0,
      valueNow: 5,
      stale: true,
      confidenceDropped: false,
      lastCheckInAt: null,
    });
  });

  it('is stale exactly when the last check-in is older than the setting', () => {
    const at = (days: number) =>
      reviewKeyResult({
        start: 0,
        checkIns: [checkIn(days, 1)],
        baselineAt: NOW - 7 * DAY,
        now: NOW,
        staleAfterDays: 14,
      }).stale;
    expect(at(14)).toBe(false);
    expect(at(14.01)).toBe(true);
  });

  it('for any history: moved iff a check-in is after the baseline; delta is the change across it; order does not matter', () => {
    const history = fc.array(
      fc.record({
        at: fc.integer({ min: NOW - 60 * DAY, max: NOW }),
        value: fc.integer({ min: -1000, max: 1000 }),
        confidence: fc.option(fc.integer({ min: 0, max: 10 }).map((n) => n / 10)),
      }),
      { maxLength: 15 },
    );
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: NOW - 60 * DAY, max: NOW }),
        fc.integer({ min: -100, max: 100 }),
        (checkIns, baselineAt, start) => {
          // Distinct times: equal times keep the given order, which a shuffle would change.
          const distinct = [...new Map(checkIns.map((c) => [c.at, c])).values()];
          const review = reviewKeyResult({
            start,
            checkIns: distinct,
            baselineAt,
            now: NOW,
            staleAfterDays: 21,
          });
          const after = distinct.filter((c) => c.at > baselineAt);
          expect(review.moved).toBe(after.length > 0);
          expect(review.checkInsSince).toHaveLength(after.length);
          const latest = [...distinct].sort((x, y) => y.at - x.at)[0];
          expect(review.valueNow).toBe(latest?.value ?? start);
          expect(review.delta).toBeCloseTo(review.valueNow - review.valueAtBaseline, 9);
          if (!review.moved) expect(review.delta).toBe(0);
          if (review.confidenceDropped) {
            expect(review.confidenceNow).not.toBeNull();
            expect(review.confidenceNow as number).toBeLessThan(
              review.confidenceAtBaseline as number,
            );
            expect(review.moved).toBe(true);
          }
          const shuffled = reviewKeyResult({
            start,
            checkIns: [...distinct].reverse(),
            baselineAt,
            now: NOW,
            staleAfterDays: 21,
          });
          expect(shuffled).toEqual(review);
        },
      ),
    );
  });
});

describe('difference', () => {
  it('is written to the decimals of its values: no floating-point noise', () => {
    expect(difference(0.3, 0.1)).toBe(0.2);
    expect(difference(12.07, 11.9)).toBe(0.17);
    expect(difference(1, 0.7)).toBe(0.3);
    expect(difference(100, 40)).toBe(60);
    expect(difference(2e-7, 1e-7)).toBe(1e-7);
  });

  it('for any two values with up to 6 decimals: equals the exact decimal difference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 6 }),
        (x, y, decimals) => {
          const scale = 10 ** decimals;
          const [a, b] = [x / scale, y / scale];
          const d = difference(a, b);
          expect(d).toBeCloseTo(a - b, 6);
          expect(Math.round(d * scale)).toBe(x - y);
          expect(Number(d.toFixed(decimals))).toBe(d);
        },
      ),
    );
  });
});
