/**
 * The objective's progress over time, rebuilt from its key results' check-ins: after each
 * check-in, the weighted mean of every key result's progress as of that moment. Key result
 * progress comes from the value by the server's own rule (domain/progress.ts, pure code), using
 * the key result's current start and target — as the API's check-in `progress` does.
 */
import type { CheckInView, KeyResultView } from '@contracts/api/okrs.ts';
import { keyResultProgress, objectiveOwnProgress } from '../../../../../src/domain/progress.ts';

export interface HistoryPoint {
  /** Milliseconds since the epoch. */
  at: number;
  checkIn: CheckInView;
  keyResult: KeyResultView;
  /** The key result's progress at this check-in's value, 0..1. */
  keyResultProgress: number;
  /** The objective's progress right after this check-in, 0..1. */
  objectiveProgress: number;
}

export interface ProgressHistory {
  /** The objective's progress before the first check-in. */
  initial: number;
  /** Oldest first. */
  points: HistoryPoint[];
}

export function progressAt(keyResult: KeyResultView, value: number): number {
  return keyResultProgress({
    kind: keyResult.kind,
    direction: keyResult.direction,
    start: keyResult.start,
    target: keyResult.target,
    current: value,
  });
}

/**
 * @param checkIns key result id → its check-ins (any order).
 * Before its first check-in a key result stands at its start; one never checked in counts at
 * its current value throughout (whatever it was created with).
 */
export function objectiveProgressHistory(
  keyResults: KeyResultView[],
  checkIns: Map<string, CheckInView[]>,
): ProgressHistory {
  const progress = new Map<string, number>();
  for (const keyResult of keyResults) {
    const hasHistory = (checkIns.get(keyResult.id)?.length ?? 0) > 0;
    progress.set(
      keyResult.id,
      progressAt(keyResult, hasHistory ? keyResult.start : keyResult.current),
    );
  }
  const mean = () =>
    objectiveOwnProgress(
      keyResults.map((keyResult) => ({
        progress: progress.get(keyResult.id) ?? 0,
        weight: keyResult.weight,
      })),
    ) ?? 0;

  const events = keyResults.flatMap((keyResult) =>
    (checkIns.get(keyResult.id) ?? []).map((checkIn) => ({
      keyResult,
      checkIn,
      at: Date.parse(checkIn.createdAt),
    })),
  );
  // Oldest first; ids (UUIDv7) break ties in creation order.
  events.sort((a, b) => a.at - b.at || (a.checkIn.id < b.checkIn.id ? -1 : 1));

  const initial = mean();
  const points = events.map(({ keyResult, checkIn, at }): HistoryPoint => {
    const keyResultProgressNow = progressAt(keyResult, checkIn.value);
    progress.set(keyResult.id, keyResultProgressNow);
    return {
      at,
      checkIn,
      keyResult,
      keyResultProgress: keyResultProgressNow,
      objectiveProgress: mean(),
    };
  });
  return { initial, points };
}
