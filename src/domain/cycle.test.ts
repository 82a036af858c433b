import { describe, expect, it } from 'vitest';
import { CYCLE_STATUSES, type CycleStatus } from '../contracts/model.ts';
import fc from 'fast-check';
import {
  canTransition,
  carriedParents,
  cycleAllows,
  isUnfinished,
  proposeCycle,
  quarterOf,
  type CycleAction,
} from './cycle.ts';

describe('canTransition', () => {
  const allowed = new Set([
    'planning>active',
    'active>grading',
    'grading>closed',
    'grading>active',
  ]);
  const rows = CYCLE_STATUSES.flatMap((from) =>
    CYCLE_STATUSES.map((to) => ({ from, to, ok: allowed.has(`${from}>${to}`) })),
  );
  it.each(rows)('$from → $to: $ok', ({ from, to, ok }) => {
    expect(canTransition(from, to)).toBe(ok);
  });
});

describe('cycleAllows', () => {
  const ACTIONS: CycleAction[] = ['create_okrs', 'edit_okrs', 'check_in', 'grade'];
  const expected: Record<CycleStatus, CycleAction[]> = {
    planning: ['create_okrs', 'edit_okrs'],
    active: ['create_okrs', 'edit_okrs', 'check_in'],
    grading: ['grade'],
    closed: [],
  };
  const rows = CYCLE_STATUSES.flatMap((status) =>
    ACTIONS.map((action) => ({ status, action, ok: expected[status].includes(action) })),
  );
  it.each(rows)('$status allows $action: $ok', ({ status, action, ok }) => {
    expect(cycleAllows(status, action)).toBe(ok);
  });
});

describe('quarterOf', () => {
  it.each([
    { year: 2026, q: 1, name: '2026-Q1', startDate: '2026-01-01', endDate: '2026-03-31' },
    { year: 2026, q: 2, name: '2026-Q2', startDate: '2026-04-01', endDate: '2026-06-30' },
    { year: 2026, q: 3, name: '2026-Q3', startDate: '2026-07-01', endDate: '2026-09-30' },
    { year: 2026, q: 4, name: '2026-Q4', startDate: '2026-10-01', endDate: '2026-12-31' },
    { year: 999, q: 1, name: '0999-Q1', startDate: '0999-01-01', endDate: '0999-03-31' },
  ] as const)('$year Q$q → $name', ({ year, q, ...cycle }) => {
    expect(quarterOf(year, q)).toEqual(cycle);
  });

  it('rejects impossible years and quarters', () => {
    expect(() => quarterOf(2026.5, 1)).toThrow(RangeError);
    expect(() => quarterOf(0, 1)).toThrow(RangeError);
    expect(() => quarterOf(10_000, 1)).toThrow(RangeError);
    expect(() => quarterOf(2026, 5 as 1)).toThrow(RangeError);
  });
});

describe('proposeCycle', () => {
  it('quarters, years and custom dates', () => {
    expect(proposeCycle({ kind: 'quarter', year: 2027, quarter: 1 })).toEqual({
      name: '2027-Q1',
      startDate: '2027-01-01',
      endDate: '2027-03-31',
    });
    expect(proposeCycle({ kind: 'year', year: 2027 })).toEqual({
      name: '2027',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
    });
    expect(
      proposeCycle({ kind: 'custom', startDate: '2027-02-01', endDate: '2027-05-15' }).name,
    ).toBe('2027-02-01 to 2027-05-15');
    expect(() =>
      proposeCycle({ kind: 'custom', startDate: '2027-02-01', endDate: '2027-01-15' }),
    ).toThrow(RangeError);
  });

  it('a year holds its four quarters, which follow each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (year) => {
        const whole = proposeCycle({ kind: 'year', year });
        const quarters = ([1, 2, 3, 4] as const).map((quarter) =>
          proposeCycle({ kind: 'quarter', year, quarter }),
        );
        expect(quarters[0]?.startDate).toBe(whole.startDate);
        expect(quarters[3]?.endDate).toBe(whole.endDate);
        for (const q of quarters) expect(q.startDate < q.endDate).toBe(true);
        for (let i = 1; i < 4; i++) expect(quarters[i - 1]!.endDate < quarters[i]!.startDate).toBe(true);
      }),
    );
  });
});

describe('isUnfinished', () => {
  it('the confirmed score decides when there is one, the progress otherwise', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (progress, score) => {
          const unfinished = isUnfinished({ progress, score });
          expect(unfinished).toBe(score !== null ? score < 1 : progress < 1);
        },
      ),
    );
    expect(isUnfinished({ progress: 1, score: 0.7 })).toBe(true);
    expect(isUnfinished({ progress: 0.4, score: 1 })).toBe(false);
    expect(isUnfinished({ progress: 1, score: null })).toBe(false);
  });
});

describe('carriedParents', () => {
  it('keeps only the parents carried in the same step, as their copies', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uuid(), { maxLength: 6 }),
        fc.func(fc.boolean()),
        (parents, carried) => {
          const copies = new Map(parents.filter((p) => carried(p)).map((p) => [p, `copy-${p}`]));
          expect(carriedParents(parents, copies)).toEqual(
            parents.filter((p) => copies.has(p)).map((p) => `copy-${p}`),
          );
        },
      ),
    );
  });
});
