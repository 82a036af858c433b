/**
 * What every synthetic table shares: the context, the fixed timestamps and the values of each
 * check-in, a pure function of (seed, key result, week) so the key result row and its check-in
 * rows agree without keeping a million values in memory.
 */
import type { Row } from '../../db/bulk.ts';
import type { TableName } from '../../db/schema.ts';
import { expectedProgress } from '../../domain/progress.ts';
import { hash32 } from './prng.ts';
import type { SyntheticPlan } from './synthetic-plan.ts';
import { NOTES, word } from './synthetic-words.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Check-ins of one key result share an hour slot of the day, one of this many. */
export const SLOTS = 8;

export interface SyntheticContext {
  plan: SyntheticPlan;
  slug: string;
  name: string;
  cycle: { name: string; startDate: string; endDate: string };
  /** The day the data is "as of": check-ins are spread from the cycle start to its midnight. */
  asOfDate: string;
}

/** Fixed timestamps (text) of the plan, computed once. */
export function timeline(context: SyntheticContext) {
  const start = Date.parse(`${context.cycle.startDate}T00:00:00.000Z`);
  const asOf = Math.max(start + DAY_MS, Date.parse(`${context.asOfDate}T00:00:00.000Z`));
  const perKr = context.plan.shape.checkInsPerKeyResult;
  const checkInTimes: string[] = [];
  const checkInExpected: number[] = [];
  for (let k = 0; k < perKr; k++) {
    const base = start + Math.floor(((asOf - start - SLOTS * HOUR_MS) * (k + 1)) / (perKr + 1));
    checkInExpected.push(expectedProgress(context.cycle, new Date(base)));
    for (let slot = 0; slot < SLOTS; slot++)
      checkInTimes.push(new Date(base + slot * HOUR_MS).toISOString());
  }
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    founded: iso(start - 30 * DAY_MS),
    planned: iso(start - 7 * DAY_MS),
    cycleCreated: iso(start - 14 * DAY_MS),
    started: iso(start + HOUR_MS),
    checkInTimes,
    checkInExpected,
    dueDate: iso(start + 60 * DAY_MS).slice(0, 10),
  };
}

/** Value, confidence and note of check-in `k` of key result `kr`: the same every time it is asked. */
export function syntheticCheckIn(
  plan: SyntheticPlan,
  expected: readonly number[],
  kr: number,
  k: number,
): { value: number; confidence: number; note: string | null } {
  const h = hash32(plan.shape.seed, kr, k + 1);
  const pace = plan.krPace[kr] as number;
  const start = plan.krStartValue[kr] as number;
  const target = plan.krTargetValue[kr] as number;
  const confidence = Math.min(
    1,
    Math.max(0, Math.round((pace * 0.6 + 0.1 + ((h & 0xff) / 256 - 0.5) * 0.2) * 10) / 10),
  );
  const note = h >>> 29 === 0 ? word(NOTES, h >>> 8) : null;
  const kind = plan.krKind[kr] as number;
  const e = expected[k] as number;
  if (kind === 3) return { value: pace * e >= 0.6 ? 1 : 0, confidence, note };
  if (Number.isNaN(target))
    return { value: Math.round(start * (0.97 + ((h >>> 8) & 0xff) / 4266)), confidence, note };
  const progress = Math.min(1, Math.max(0, pace * e + (((h >>> 16) & 0xff) / 256 - 0.5) * 0.04));
  const value = start + (target - start) * progress;
  return { value: kind === 1 ? Math.round(value * 10) / 10 : Math.round(value), confidence, note };
}

export interface SyntheticTable {
  table: TableName;
  /** How many rows `rows()` yields (for progress bars). */
  total: number;
  rows: () => Iterable<Row>;
}

export type Timeline = ReturnType<typeof timeline>;
