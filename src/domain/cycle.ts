/**
 * Cycle lifecycle: planning → active → grading → closed (grading may reopen to active), what each
 * status allows, and quarter cycles.
 */
import type { CycleStatus } from '../contracts/model.ts';
import { assertNever } from './assert-never.ts';

/** The statuses each status may move to. Closed cycles are read-only for good. */
export const CYCLE_TRANSITIONS: Record<CycleStatus, readonly CycleStatus[]> = {
  planning: ['active'],
  active: ['grading'],
  grading: ['closed', 'active'],
  closed: [],
};

/** Whether a cycle may move from `from` to `to` (staying in the same status is not a transition). */
export function canTransition(from: CycleStatus, to: CycleStatus): boolean {
  return CYCLE_TRANSITIONS[from].includes(to);
}

/** What people do with the OKRs of a cycle. */
export type CycleAction = 'edit_okrs' | 'check_in' | 'grade' | 'create_okrs';

/**
 * Whether a cycle in `status` allows `action`.
 * planning: create and edit OKRs, no check-ins yet; active: create, edit, check in;
 * grading: grade only (the numbers and wording are frozen while being scored; reopen to change
 * them); closed: nothing.
 */
export function cycleAllows(status: CycleStatus, action: CycleAction): boolean {
  switch (status) {
    case 'planning':
      return action === 'create_okrs' || action === 'edit_okrs';
    case 'active':
      return action !== 'grade';
    case 'grading':
      return action === 'grade';
    case 'closed':
      return false;
    default:
      return assertNever(status, 'cycle status');
  }
}

const QUARTER_BOUNDS: Record<1 | 2 | 3 | 4, { start: string; end: string }> = {
  1: { start: '01-01', end: '03-31' },
  2: { start: '04-01', end: '06-30' },
  3: { start: '07-01', end: '09-30' },
  4: { start: '10-01', end: '12-31' },
};

/**
 * The calendar quarter `q` of `year` as a cycle: name 'YYYY-Qn', dates 'YYYY-MM-DD' inclusive.
 * Throws a RangeError for a year outside 1..9999 or a quarter outside 1..4.
 */
export function quarterOf(
  year: number,
  q: 1 | 2 | 3 | 4,
): { name: string; startDate: string; endDate: string } {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`Invalid year ${year}, expected an integer from 1 to 9999`);
  }
  // The type already says 1..4; callers parsing user input may still pass anything.
  const bounds = (QUARTER_BOUNDS as Partial<Record<number, { start: string; end: string }>>)[q];
  if (bounds === undefined) throw new RangeError(`Invalid quarter ${String(q)}, expected 1 to 4`);
  const yyyy = String(year).padStart(4, '0');
  return {
    name: `${yyyy}-Q${q}`,
    startDate: `${yyyy}-${bounds.start}`,
    endDate: `${yyyy}-${bounds.end}`,
  };
}

/** The kinds of cycle people create: a calendar quarter, a calendar year, or any dates. */
export type CycleKind = 'quarter' | 'year' | 'custom';

/**
 * The name and dates proposed for a new cycle of `kind`: a quarter 'YYYY-Qn', a year 'YYYY'
 * (1 January to 31 December), custom dates named 'YYYY-MM-DD to YYYY-MM-DD'. Throws a RangeError
 * on an invalid year or quarter, or custom dates ending before they start.
 */
export function proposeCycle(
  input:
    | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
    | { kind: 'year'; year: number }
    | { kind: 'custom'; startDate: string; endDate: string },
): { name: string; startDate: string; endDate: string } {
  switch (input.kind) {
    case 'quarter':
      return quarterOf(input.year, input.quarter);
    case 'year': {
      const { startDate } = quarterOf(input.year, 1);
      const { endDate } = quarterOf(input.year, 4);
      return { name: startDate.slice(0, 4), startDate, endDate };
    }
    case 'custom':
      if (input.endDate < input.startDate) {
        throw new RangeError(`The end ${input.endDate} is before the start ${input.startDate}`);
      }
      return {
        name: `${input.startDate} to ${input.endDate}`,
        startDate: input.startDate,
        endDate: input.endDate,
      };
    default:
      return assertNever(input, 'cycle kind');
  }
}

/**
 * Whether an objective is unfinished, and so proposed for carrying into the next cycle: its
 * confirmed score decides when it has one (below 1.0), its progress otherwise (below 100%).
 */
export function isUnfinished(objective: { progress: number; score: number | null }): boolean {
  return objective.score !== null ? objective.score < 1 : objective.progress < 1;
}

/**
 * The parents a carried copy keeps: among the original's parents, those carried over in the same
 * step, mapped to their copies (an alignment to an objective left behind is not kept: the copy
 * would point into the closed cycle).
 */
export function carriedParents(
  parentIds: readonly string[],
  copies: ReadonlyMap<string, string>,
): string[] {
  return parentIds.flatMap((id) => {
    const copy = copies.get(id);
    return copy === undefined ? [] : [copy];
  });
}
