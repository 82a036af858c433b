import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffCeiling,
  backoffDelay,
  DATA_SOURCE_BACKOFF,
  WEBHOOK_BACKOFF,
  type Backoff,
} from './retry-backoff.ts';

const backoffs = fc.constantFrom<Backoff>(WEBHOOK_BACKOFF, DATA_SOURCE_BACKOFF, {
  baseMs: 1,
  capMs: 1000,
});

describe('retry backoff', () => {
  it('waits between half and all of the capped exponential ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        backoffs,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, b, r) => {
          const ceiling = backoffCeiling(n, b);
          const delay = backoffDelay(n, b, r);
          expect(ceiling).toBeLessThanOrEqual(b.capMs);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('never waits less after more failures (the ceiling doubles until the cap)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), backoffs, (n, b) => {
        const now = backoffCeiling(n, b);
        const next = backoffCeiling(n + 1, b);
        expect(next).toBe(Math.min(b.capMs, now * 2));
      }),
    );
  });

  it('starts at the base: the first retry of a webhook waits 15–30 s', () => {
    expect(backoffDelay(1, WEBHOOK_BACKOFF, 0)).toBe(15_000);
    expect(backoffDelay(1, WEBHOOK_BACKOFF, 0.999_999)).toBe(30_000);
    expect(backoffCeiling(3, WEBHOOK_BACKOFF)).toBe(120_000);
    expect(backoffCeiling(40, WEBHOOK_BACKOFF)).toBe(WEBHOOK_BACKOFF.capMs);
  });
});
