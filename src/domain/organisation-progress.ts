/**
 * Progress and health of a whole organisation at one moment, from its stored values: every key
 * result's progress, every objective's rolled-up progress, and the health of both. Pure; the
 * recompute service feeds it rows and stores the result.
 */
import type { Health, KrDirection, KrKind } from '../contracts/model.ts';
import {
  expectedProgress,
  healthOf,
  keyResultProgress,
  rollUpProgress,
  type AlignmentEdge,
  type RollUpObjective,
} from './progress.ts';

export interface OrganisationProgressInput {
  cycles: { id: string; startDate: string; endDate: string }[];
  objectives: { id: string; cycleId: string; includeChildren: boolean }[];
  keyResults: {
    id: string;
    objectiveId: string;
    /** A parent objective this key result also counts in (when that parent includes children). */
    contributesToId: string | null;
    kind: KrKind;
    direction: KrDirection;
    start: number;
    target: number | null;
    current: number;
    weight: number;
    confidence: number | null;
  }[];
  alignments: AlignmentEdge[];
  /**
   * Objectives whose progress is taken as stored rather than recomputed (children outside the
   * part of the tree being refreshed). `measurable` is false for one with nothing to measure.
   */
  frozen?: { id: string; progress: number; measurable: boolean }[];
}

export interface ProgressAndHealth {
  progress: number;
  /** null for an objective with nothing to measure (no key results, no measurable children). */
  health: Health | null;
}

export interface OrganisationProgress {
  keyResults: Map<string, ProgressAndHealth>;
  objectives: Map<string, ProgressAndHealth>;
}

/**
 * Computes progress and health as of `now`. A key result's health compares its progress with
 * the time elapsed in its objective's cycle and its latest confidence; an objective's uses its
 * rolled-up progress and the lowest confidence among its key results (the most worried owner).
 */
export function computeOrganisationProgress(
  input: OrganisationProgressInput,
  now: Date,
): OrganisationProgress {
  const expectedByCycle = new Map<string, number>();
  for (const cycle of input.cycles) expectedByCycle.set(cycle.id, expectedProgress(cycle, now));
  const cycleOfObjective = new Map<string, string>();
  for (const objective of input.objectives) cycleOfObjective.set(objective.id, objective.cycleId);
  const expectedOf = (objectiveId: string): number =>
    expectedByCycle.get(cycleOfObjective.get(objectiveId) ?? '') ?? 0;

  const rollUp = new Map<string, RollUpObjective>();
  for (const objective of input.objectives) {
    rollUp.set(objective.id, {
      id: objective.id,
      includeChildren: objective.includeChildren,
      keyResults: [],
    });
  }
  const lowestConfidence = new Map<string, number>();
  const keyResults = new Map<string, ProgressAndHealth>();
  for (const kr of input.keyResults) {
    const progress = keyResultProgress(kr);
    keyResults.set(kr.id, {
      progress,
      health: healthOf({
        progress,
        expected: expectedOf(kr.objectiveId),
        confidence: kr.confidence,
      }),
    });
    rollUp.get(kr.objectiveId)?.keyResults.push({ progress, weight: kr.weight });
    const parent = kr.contributesToId === null ? undefined : rollUp.get(kr.contributesToId);
    if (parent?.includeChildren) parent.keyResults.push({ progress, weight: kr.weight });
    if (kr.confidence !== null) {
      const current = lowestConfidence.get(kr.objectiveId);
      if (current === undefined || kr.confidence < current)
        lowestConfidence.set(kr.objectiveId, kr.confidence);
    }
  }

  const frozen = input.frozen ?? [];
  const measurable = new Set<string>();
  for (const f of frozen) {
    rollUp.set(f.id, { id: f.id, includeChildren: false, keyResults: f.measurable ? [{ progress: f.progress, weight: 1 }] : [] });
    if (f.measurable) measurable.add(f.id);
  }
  const rolled = rollUpProgress([...rollUp.values()], input.alignments);
  markMeasurable(rollUp, input.alignments, measurable);
  const objectives = new Map<string, ProgressAndHealth>();
  for (const objective of input.objectives) {
    const progress = rolled.get(objective.id) ?? 0;
    objectives.set(objective.id, {
      progress,
      health: measurable.has(objective.id)
        ? healthOf({ progress, expected: expectedOf(objective.id), confidence: lowestConfidence.get(objective.id) ?? null })
        : null,
    });
  }
  return { keyResults, objectives };
}

/**
 * Adds to `measurable` every objective with a positively weighted key result, and every
 * objective that includes its children and has a measurable child (transitively).
 */
function markMeasurable(rollUp: Map<string, RollUpObjective>, edges: AlignmentEdge[], measurable: Set<string>): void {
  const parentsOf = new Map<string, string[]>();
  for (const edge of edges) {
    const list = parentsOf.get(edge.childId);
    if (list) list.push(edge.parentId);
    else parentsOf.set(edge.childId, [edge.parentId]);
  }
  const queue: string[] = [...measurable];
  for (const objective of rollUp.values()) {
    if (!measurable.has(objective.id) && objective.keyResults.some((kr) => kr.weight > 0)) {
      measurable.add(objective.id);
      queue.push(objective.id);
    }
  }
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const parentId of parentsOf.get(id) ?? []) {
      if (measurable.has(parentId) || !rollUp.get(parentId)?.includeChildren) continue;
      measurable.add(parentId);
      queue.push(parentId);
    }
  }
}
