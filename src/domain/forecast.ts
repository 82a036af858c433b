/**
 * Forecasts: where a key result's trend takes it by the end of its cycle, and whether that
 * disagrees with what its owner says. Pure; the services load the check-ins and the cycle.
 *
 * The method (docs/features/weekly-review-and-forecasts.md explains it to users):
 * - The points are the key result's start value at the cycle's start (00:00 UTC of its first day)
 *   and every check-in (time, value) — check-ins before the cycle start count at the cycle start.
 * - A straight line is fitted to them by ordinary least squares, value over time.
 * - The forecast is that line's value at the cycle's end (24:00 UTC of its last day), clamped:
 *   a percentage stays within 0–100, and a value never goes below zero when nothing observed
 *   (start, target, check-ins) was negative. Its progress is the key result's usual progress
 *   (domain/progress.ts) of that value, so it is always within 0..1.
 * - No forecast for milestones (done or not done has no trend), without a target, or before the
 *   first check-in.
 *
 * The flag: the forecast and the owner's latest confidence disagree when
 * - `optimistic`: confidence is high (>= 0.7) but the forecast reaches less than 70% of the way
 *   to the target (projected progress < 0.7);
 * - `pessimistic`: confidence is low (< 0.4) but the forecast reaches the target (projected
 *   progress >= 1).
 * Medium confidence never disagrees, and nor does a key result without a confidence.
 */
import type { KrDirection, KrKind } from '../contracts/model.ts';
import { confidenceBand, keyResultProgress } from './progress.ts';

const DAY_MS = 86_400_000;

/** Projected progress below this with high confidence is an optimistic owner. */
export const FORECAST_SHORTFALL = 0.7;

export interface ForecastInput {
  kind: KrKind;
  direction: KrDirection;
  start: number;
  target: number | null;
  /** The owner's latest confidence (0..1), null when never given. */
  confidence: number | null;
  /** 'YYYY-MM-DD', both inclusive. */
  cycle: { startDate: string; endDate: string };
  /** Every check-in, any order: `at` in epoch milliseconds. */
  checkIns: readonly { at: number; value: number }[];
}

export type ForecastDisagreement = 'optimistic' | 'pessimistic';

export interface Forecast {
  /** The fitted line's value at the cycle's end, clamped. */
  value: number;
  /** The key result's progress at that value, 0..1. */
  progress: number;
  /** Change of the value per day along the fitted line. */
  slopePerDay: number;
  /** The fitted line from the cycle's start to its end (the end clamped as `value`), for charts. */
  line: { startAt: number; startValue: number; endAt: number; endValue: number };
  /** How many check-ins the line was fitted to. */
  checkIns: number;
  /** When the forecast and the owner's confidence disagree; null when they do not. */
  disagreement: ForecastDisagreement | null;
}

function dayStart(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00.000Z`);
}

/** `a + b·x` through the points by least squares; a flat line through the mean when all x agree. */
export function leastSquares(points: readonly { x: number; y: number }[]): {
  a: number;
  b: number;
} {
  const n = points.length;
  if (n === 0) return { a: 0, b: 0 };
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) * (p.x - mx);
    sxy += (p.x - mx) * (p.y - my);
  }
  const b = sxx === 0 ? 0 : sxy / sxx;
  return { a: my - b * mx, b };
}

/** When the forecast and the confidence disagree (see the module comment). */
export function forecastDisagreement(
  progress: number,
  confidence: number | null,
): ForecastDisagreement | null {
  if (confidence === null) return null;
  const band = confidenceBand(confidence);
  if (band === 'high' && progress < FORECAST_SHORTFALL) return 'optimistic';
  if (band === 'low' && progress >= 1) return 'pessimistic';
  return null;
}

/**
 * The key result's trend projected to its cycle's end, or null when there is none to project
 * (a milestone, no target, no check-in, or an invalid cycle).
 */
export function forecastKeyResult(input: ForecastInput): Forecast | null {
  const { kind, direction, start, target, checkIns, cycle } = input;
  if (kind === 'milestone' || target === null || checkIns.length === 0) return null;
  const startAt = dayStart(cycle.startDate);
  const endAt = dayStart(cycle.endDate) + DAY_MS;
  if (!Number.isFinite(startAt) || !Number.isFinite(endAt) || endAt <= startAt) return null;

  // Days since the cycle start keep the sums small (epoch milliseconds squared lose precision).
  const points = [
    { x: 0, y: start },
    ...checkIns.map((c) => ({ x: Math.max(0, c.at - startAt) / DAY_MS, y: c.value })),
  ];
  const { a, b } = leastSquares(points);
  const days = (endAt - startAt) / DAY_MS;
  const value = clampValue(kind, a + b * days, [start, target, ...checkIns.map((c) => c.value)]);
  const progress = keyResultProgress({ kind, direction, start, target, current: value });
  return {
    value,
    progress,
    slopePerDay: b,
    line: { startAt, startValue: a, endAt, endValue: value },
    checkIns: checkIns.length,
    disagreement: forecastDisagreement(progress, input.confidence),
  };
}

function clampValue(kind: KrKind, value: number, observed: readonly number[]): number {
  let clamped = value;
  if (kind === 'percentage') clamped = Math.min(100, Math.max(0, clamped));
  else if (observed.every((v) => v >= 0)) clamped = Math.max(0, clamped);
  // Sums of huge values can overflow; a forecast is never infinite.
  return Number.isFinite(clamped) ? clamped : (observed.at(-1) ?? 0);
}
