/**
 * The roll-up preview: how this objective's progress would count in a parent's, with the
 * domain's own progress rules (pure functions, bundled into the web app).
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import {
  keyResultProgress,
  objectiveOwnProgress,
} from '../../../../../src/domain/progress.ts';
import { parseNumber, type KeyResultDraft } from './draft.ts';

/** A key result's progress at `current` (a new key result starts at its start value). */
function draftProgress(kr: KeyResultDraft, current: number | null): number {
  if (kr.kind === 'milestone') return current !== null && current >= 1 ? 1 : 0;
  const start = parseNumber(kr.start);
  const target = kr.baselineFirst ? null : parseNumber(kr.target);
  if (start === null || Number.isNaN(start) || (target !== null && Number.isNaN(target))) return 0;
  return keyResultProgress({
    kind: kr.kind,
    direction: kr.direction,
    start,
    target,
    current: current ?? start,
  });
}

/**
 * This objective's own progress: new key results at their start, existing ones at their current
 * value (`currentById`).
 */
export function draftObjectiveProgress(
  keyResults: KeyResultDraft[],
  currentById: ReadonlyMap<string, number>,
): number {
  const measured = keyResults.map((kr) => ({
    progress: draftProgress(kr, kr.id === null ? null : (currentById.get(kr.id) ?? null)),
    weight: parseNumber(kr.weight) ?? 1,
  }));
  return objectiveOwnProgress(measured) ?? 0;
}

export interface ParentRollUp {
  /** The parent's progress now. */
  before: number;
  /** Its progress with this objective counted, or null when it does not count its children. */
  after: number | null;
}

/**
 * A parent that includes its children averages its own key results (by weight) with each child's
 * progress (weight 1). This objective replaces its earlier self when it was a child already.
 */
export function parentRollUp(
  parent: ObjectiveDetailView,
  childId: string | null,
  childProgress: number,
): ParentRollUp {
  if (!parent.includeChildren) return { before: parent.progress, after: null };
  const parts = [
    ...parent.keyResults.map((kr) => ({ progress: kr.progress, weight: kr.weight })),
    ...parent.children
      .filter((child) => child.id !== childId)
      .map((child) => ({ progress: child.progress, weight: 1 })),
    { progress: childProgress, weight: 1 },
  ];
  return { before: parent.progress, after: objectiveOwnProgress(parts) ?? 0 };
}
