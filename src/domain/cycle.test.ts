import { describe, expect, it } from 'vitest';
import { CYCLE_STATUSES, type CycleStatus } from '../contracts/model.ts';
import { canTransition, cycleAllows, quarterOf, type CycleAction } from './cycle.ts';

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
