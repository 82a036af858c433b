import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acknowledgementRates, nextReminderAt, REMINDER_INTERVAL_HOURS } from './understanding.ts';

const people = fc.array(
  fc.record({
    userId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    teamIds: fc.array(fc.constantFrom('t1', 't2', 't3'), { maxLength: 3 }),
  }),
  { maxLength: 12 },
);
const acks = fc
  .array(fc.constantFrom<string>('a', 'b', 'c', 'd', 'e', 'f', 'x'))
  .map((ids) => new Set(ids));

describe('acknowledgementRates', () => {
  it('counts each recipient once, acknowledged or not, and never outsiders', () => {
    fc.assert(
      fc.property(people, acks, (recipients, acknowledged) => {
        const rates = acknowledgementRates(recipients, acknowledged);
        const distinct = new Set(recipients.map((r) => r.userId));
        expect(rates.recipients).toBe(distinct.size);
        expect(rates.acknowledged + rates.notAcknowledged.length).toBe(distinct.size);
        expect(rates.acknowledged).toBe([...distinct].filter((id) => acknowledged.has(id)).length);
        expect(rates.rate).toBeGreaterThanOrEqual(0);
        expect(rates.rate).toBeLessThanOrEqual(1);
        for (const id of rates.notAcknowledged) expect(acknowledged.has(id)).toBe(false);
      }),
    );
  });

  it('gives each team the share of its own recipients, most behind first', () => {
    fc.assert(
      fc.property(people, acks, (recipients, acknowledged) => {
        const rates = acknowledgementRates(recipients, acknowledged);
        for (const row of rates.byTeam) {
          expect(row.acknowledged).toBeLessThanOrEqual(row.recipients);
          expect(row.rate).toBeCloseTo(row.recipients ? row.acknowledged / row.recipients : 0);
          expect(row.recipients).toBeLessThanOrEqual(rates.recipients);
        }
        const ordered = rates.byTeam.map((r) => r.rate);
        expect(ordered).toEqual([...ordered].sort((a, b) => a - b));
      }),
    );
  });

  it('acknowledging one more person never lowers any rate', () => {
    fc.assert(
      fc.property(
        people,
        acks,
        fc.constantFrom('a', 'b', 'c'),
        (recipients, acknowledged, extra) => {
          const before = acknowledgementRates(recipients, acknowledged);
          const after = acknowledgementRates(recipients, new Set([...acknowledged, extra]));
          expect(after.rate).toBeGreaterThanOrEqual(before.rate);
          for (const row of after.byTeam) {
            const old = before.byTeam.find((r) => r.teamId === row.teamId);
            expect(row.rate).toBeGreaterThanOrEqual(old?.rate ?? 0);
          }
        },
      ),
    );
  });

  it('puts people in no team in the null row', () => {
    const rates = acknowledgementRates([{ userId: 'a', teamIds: [] }], new Set(['a']));
    expect(rates.byTeam).toEqual([{ teamId: null, recipients: 1, acknowledged: 1, rate: 1 }]);
  });
});

describe('nextReminderAt', () => {
  it('allows a reminder exactly when the interval has passed since the last one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * 24 * 3600 }), (secondsLater) => {
        const last = new Date('2026-10-01T09:00:00Z');
        const now = new Date(last.getTime() + secondsLater * 1000);
        const next = nextReminderAt(last, now);
        if (secondsLater >= REMINDER_INTERVAL_HOURS * 3600) expect(next).toBeNull();
        else expect(next?.getTime()).toBe(last.getTime() + REMINDER_INTERVAL_HOURS * 3_600_000);
      }),
    );
    expect(nextReminderAt(null, new Date())).toBeNull();
  });
});
