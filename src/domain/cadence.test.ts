import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  isDue,
  isStale,
  isoWeekday,
  missedCheckIns,
  nudgeLevels,
  nudgePeriod,
  weekOf,
} from './cadence.ts';

const instant = fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') });
const cadence = fc.integer({ min: 1, max: 90 });

describe('cadence', () => {
  it('a key result checked in weekly is due on the seventh day and has missed one then', () => {
    const anchor = Date.parse('2026-03-02T09:00:00Z');
    expect(isDue(anchor, anchor + 6 * DAY_MS, 7)).toBe(false);
    expect(isDue(anchor, anchor + 7 * DAY_MS, 7)).toBe(true);
    expect(missedCheckIns(anchor, anchor + 13 * DAY_MS, 7)).toBe(1);
    expect(missedCheckIns(anchor, anchor + 14 * DAY_MS, 7)).toBe(2);
    expect(isStale(anchor, anchor + 21 * DAY_MS, 21)).toBe(true);
    expect(isStale(anchor, anchor + 20 * DAY_MS, 21)).toBe(false);
  });

  it('due exactly when at least one check-in was missed; misses never decrease with time', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        fc.integer({ min: 0, max: 30 * DAY_MS }),
        cadence,
        (anchor, elapsed, more, days) => {
          const now = anchor + elapsed;
          expect(isDue(anchor, now, days)).toBe(missedCheckIns(anchor, now, days) >= 1);
          expect(missedCheckIns(anchor, now + more, days)).toBeGreaterThanOrEqual(
            missedCheckIns(anchor, now, days),
          );
          // Each miss is one whole cadence.
          const missed = missedCheckIns(anchor, now, days);
          expect(anchor + missed * days * DAY_MS).toBeLessThanOrEqual(now);
          expect(anchor + (missed + 1) * days * DAY_MS).toBeGreaterThan(now);
        },
      ),
    );
  });

  it('a check-in (a later anchor) never adds misses', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 100 * DAY_MS }),
        fc.integer({ min: 0, max: 100 * DAY_MS }),
        cadence,
        (anchor, checkInAfter, elapsed, days) => {
          const now = anchor + checkInAfter + elapsed;
          expect(missedCheckIns(anchor + checkInAfter, now, days)).toBeLessThanOrEqual(
            missedCheckIns(anchor, now, days),
          );
        },
      ),
    );
  });

  it('leads are told only after the owner was reminded, champions only after the leads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (missed, lead, extra) => {
          const levels = nudgeLevels(missed, {
            escalateAfterMisses: lead,
            championsAfterMisses: lead + extra,
          });
          expect(levels.includes('reminder')).toBe(missed >= 1);
          expect(levels.includes('lead')).toBe(missed >= lead);
          if (levels.includes('champion')) expect(levels).toContain('lead');
          if (levels.includes('lead')) expect(levels).toContain('reminder');
        },
      ),
    );
    expect(nudgeLevels(2, { escalateAfterMisses: 2, championsAfterMisses: 3 })).toEqual([
      'reminder',
      'lead',
    ]);
  });

  it('a reminder is keyed per due period, an escalation once per check-in it follows', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 50 }), (anchor, missed) => {
        expect(nudgePeriod('reminder', anchor, missed)).not.toBe(
          nudgePeriod('reminder', anchor, missed + 1),
        );
        expect(nudgePeriod('lead', anchor, missed)).toBe(nudgePeriod('lead', anchor, missed + 1));
      }),
    );
  });

  it('weekdays are ISO and a week starts on its Monday', () => {
    expect(isoWeekday(Date.parse('2026-03-02T00:00:00Z'))).toBe(1);
    expect(isoWeekday(Date.parse('2026-03-08T23:59:00Z'))).toBe(7);
    fc.assert(
      fc.property(instant, (at) => {
        const monday = Date.parse(`${weekOf(at)}T00:00:00Z`);
        expect(isoWeekday(monday)).toBe(1);
        expect(at - monday).toBeGreaterThanOrEqual(0);
        expect(at - monday).toBeLessThan(7 * DAY_MS);
      }),
    );
  });
});
