/**
 * A KPI's status from its latest value: green, amber or red against two thresholds, read in the
 * KPI's direction. When higher is better, a value at or above the green threshold is green, at or
 * above the amber threshold amber, below it red; when lower is better, the same mirrored (at or
 * below). A value exactly on a threshold gets the better colour: thresholds name the level that
 * is still good enough.
 */
import type { KpiDirection, KpiStatus } from '../contracts/api/kpis.ts';

export type { KpiDirection, KpiStatus };

export interface KpiThresholds {
  direction: KpiDirection;
  green: number;
  amber: number;
}

/** Worst first: the order dashboards sort by. */
export const KPI_STATUS_RANK: Readonly<Record<KpiStatus, number>> = { red: 0, amber: 1, green: 2 };

/**
 * Why the thresholds cannot work, or null when they can: the green threshold must be at least as
 * good as the amber one in the KPI's direction (equal thresholds leave no amber band).
 */
export function thresholdsProblem(thresholds: KpiThresholds): string | null {
  const { direction, green, amber } = thresholds;
  if (!Number.isFinite(green) || !Number.isFinite(amber)) return 'Thresholds must be numbers.';
  if (direction === 'higher' && green < amber) {
    return 'When higher is better, the green threshold must be at or above the amber one.';
  }
  if (direction === 'lower' && green > amber) {
    return 'When lower is better, the green threshold must be at or below the amber one.';
  }
  return null;
}

/** The status of a value, or null with no value yet. */
export function kpiStatus(value: number | null, thresholds: KpiThresholds): KpiStatus | null {
  if (value === null || !Number.isFinite(value)) return null;
  const { direction, green, amber } = thresholds;
  // Lower-is-better is higher-is-better on the negated scale.
  const sign = direction === 'higher' ? 1 : -1;
  if (sign * value >= sign * green) return 'green';
  if (sign * value >= sign * amber) return 'amber';
  return 'red';
}
