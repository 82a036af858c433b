import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KR_DIRECTIONS } from '../contracts/model.ts';
import {
  forecastDisagreement,
  forecastKeyResult,
  leastSquares,
  type ForecastInput,
} from './forecast.ts';

const DAY = 86_400_000;
const CYCLE = { startDate: '2026-01-01', endDate: '2026-03-31' }; // 90 days
const START = Date.parse('2026-01-01T00:00:00Z');
const END = Date.parse('2026-04-01T00:00:00Z');

const base: ForecastInput = {
  kind: 'number',
  direction: 'increase',
  start: 0,
  target: 100,
  confidence: null,
  cycle: CYCLE,
  checkIns: [],
};

describe('leastSquares', () => {
  it('recovers any line exactly from points on it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -100, max: 100 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 365 }), { minLength: 2, maxLength: 30 }),
        (a, b, xs) => {
          const fit = leastSquares(xs.map((x) => ({ x, y: a + b * x })));
          expect(fit.a).toBeCloseTo(a, 6);
          expect(fit.b).toBeCloseTo(b, 6);
        },
      ),
    );
  });

  it('passes through the mean of the points and does not depend on their order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ x: fc.integer({ min: 0, max: 90 }), y: fc.integer({ min: -500, max: 500 }) }),
          { minLength: 1, maxLength: 30 },
        ),
        (points) => {
          const fit = leastSquares(points);
          const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
          const my = points.reduce((s, p) => s + p.y, 0) / points.length;
          expect(fit.a + fit.b * mx).toBeCloseTo(my, 6);
          const reversed = leastSquares([...points].reverse());
          expect(reversed.b).toBeCloseTo(fit.b, 6);
        },
      ),
    );
  });
});

describe('forecastKeyResult', () => {
  it('has no forecast without a check-in, for a milestone or without a target', () => {
    expect(forecastKeyResult(base)).toBeNull();
    const checkIns = [{ at: START + 10 * DAY, value: 10 }];
    expect(forecastKeyResult({ ...base, kind: 'milestone', checkIns })).toBeNull();
    expect(forecastKeyResult({ ...base, target: null, checkIns })).toBeNull();
  });

  it('projects a steady pace to the cycle end: 10 a day for 9 days of 90 reaches 900', () => {
    const checkIns = [3, 6, 9].map((d) => ({ at: START + d * DAY, value: d * 10 }));
    const forecast = forecastKeyResult({ ...base, target: 1000, checkIns });
    expect(forecast?.value).toBeCloseTo(900, 6);
    expect(forecast?.progress).toBeCloseTo(0.9, 6);
    expect(forecast?.slopePerDay).toBeCloseTo(10, 6);
    expect(forecast?.line).toMatchObject({ startAt: START, endAt: END });
  });

  it('keeps a percentage within 0..100 and a value of non-negative data at or above zero; progress within 0..1', () => {
    const input = fc.record({
      kind: fc.constantFrom('number' as const, 'percentage' as const, 'currency' as const),
      direction: fc.constantFrom(...KR_DIRECTIONS),
      start: fc.integer({ min: 0, max: 100 }),
      target: fc.integer({ min: 0, max: 100 }),
      confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      checkIns: fc.array(
        fc.record({
          at: fc.integer({ min: START - 10 * DAY, max: END + 10 * DAY }),
          value: fc.integer({ min: 0, max: 100 }),
        }),
        { minLength: 1, maxLength: 20 },
      ),
    });
    fc.assert(
      fc.property(input, (i) => {
        const forecast = forecastKeyResult({ ...i, cycle: CYCLE });
        expect(forecast).not.toBeNull();
        if (!forecast) return;
        expect(forecast.value).toBeGreaterThanOrEqual(0);
        if (i.kind === 'percentage') expect(forecast.value).toBeLessThanOrEqual(100);
        expect(forecast.progress).toBeGreaterThanOrEqual(0);
        expect(forecast.progress).toBeLessThanOrEqual(1);
        expect(Number.isFinite(forecast.slopePerDay)).toBe(true);
        expect(forecast.checkIns).toBe(i.checkIns.length);
      }),
    );
  });

  it('is monotone: raising the latest check-in never lowers an increasing forecast', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 80 }),
            value: fc.integer({ min: 0, max: 100 }),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        fc.integer({ min: 0, max: 50 }),
        (points, bump) => {
          const checkIns = points.map((p) => ({ at: START + p.day * DAY, value: p.value }));
          // The latest check-in (the last of the latest, were several at once) sits at or after the
          // mean time, so raising it raises the line at the cycle's end, which is later still.
          const latestAt = Math.max(...checkIns.map((c) => c.at));
          const last = checkIns.map((c) => c.at).lastIndexOf(latestAt);
          const raised = checkIns.map((c, i) => (i === last ? { ...c, value: c.value + bump } : c));
          const before = forecastKeyResult({ ...base, checkIns });
          const after = forecastKeyResult({ ...base, checkIns: raised });
          expect(after?.progress ?? 0).toBeGreaterThanOrEqual((before?.progress ?? 0) - 1e-9);
        },
      ),
    );
  });

  it('flags exactly as forecastDisagreement says on its projected progress', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 89 }),
            value: fc.integer({ min: 0, max: 150 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (points, confidence) => {
          const forecast = forecastKeyResult({
            ...base,
            confidence,
            checkIns: points.map((p) => ({ at: START + p.day * DAY, value: p.value })),
          });
          expect(forecast?.disagreement).toBe(
            forecastDisagreement(forecast?.progress ?? 0, confidence),
          );
        },
      ),
    );
  });
});

describe('forecastDisagreement', () => {
  it.each([
    [0.69, 0.7, 'optimistic'],
    [0.69, 1, 'optimistic'],
    [0.7, 0.9, null],
    [0.2, 0.5, null],
    [1, 0.39, 'pessimistic'],
    [0.99, 0.1, null],
    [1, 0.4, null],
    [0.1, null, null],
  ] as const)('projected %s with confidence %s → %s', (progress, confidence, expected) => {
    expect(forecastDisagreement(progress, confidence)).toBe(expected);
  });

  it('never flags medium confidence, and never flags both ways', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.4, max: 0.6999, noNaN: true }),
        (p, c) => {
          expect(forecastDisagreement(p, c)).toBeNull();
        },
      ),
    );
  });
});
