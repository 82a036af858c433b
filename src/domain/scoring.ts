/**
 * Grading at the end of a cycle: key result and objective scores (0.0–1.0) and their bands.
 */
import { isThresholdMet, keyResultProgress, type KeyResultValues } from './progress.ts';

/** Score band boundaries, Google style: missed < 0.4 <= progress < 0.7 <= delivered. */
export const SCORE_THRESHOLDS = { progress: 0.4, delivered: 0.7 } as const;

/**
 * Rounds a 0..1 value to 2 decimals, half up. The tiny nudge keeps values like 0.285 (stored in
 * binary as 0.28499999…) from rounding down.
 */
function roundScore(value: number): number {
  if (Number.isNaN(value)) return 0;
  const clamped = Math.min(1, Math.max(0, value));
  return Math.round(clamped * 100 + 1e-9) / 100;
}

/**
 * Suggested score of a key result, 0..1 rounded to 2 decimals: its progress, and 1 when a threshold
 * key result (`at_least` / `at_most`) holds its threshold.
 */
export function keyResultScore(kr: KeyResultValues): number {
  if (isThresholdMet(kr) === true) return 1;
  return roundScore(keyResultProgress(kr));
}

/**
 * Score of an objective: the weighted mean of its key results' scores, rounded to 2 decimals.
 * Weights <= 0 (or not finite) are ignored; `null` when no key result has a positive weight.
 */
export function objectiveScore(krs: { score: number; weight: number }[]): number | null {
  let maxWeight = 0;
  for (const kr of krs) {
    if (Number.isFinite(kr.weight) && kr.weight > maxWeight) maxWeight = kr.weight;
  }
  if (maxWeight === 0) return null;
  let weightSum = 0;
  let scoreSum = 0;
  for (const kr of krs) {
    if (!Number.isFinite(kr.weight) || kr.weight <= 0) continue;
    // Scaled by the largest weight so huge weights cannot overflow the sums.
    const weight = kr.weight / maxWeight;
    weightSum += weight;
    scoreSum += weight * (Number.isNaN(kr.score) ? 0 : Math.min(1, Math.max(0, kr.score)));
  }
  return roundScore(scoreSum / weightSum);
}

/** Band of a score: missed below 0.4, progress below 0.7, delivered from 0.7. NaN is missed. */
export function scoreBand(score: number): 'missed' | 'progress' | 'delivered' {
  if (Number.isNaN(score) || score < SCORE_THRESHOLDS.progress) return 'missed';
  if (score < SCORE_THRESHOLDS.delivered) return 'progress';
  return 'delivered';
}
