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
  rollUp,
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
 *
 * Objectives are addressed by their position in the roll-up so that each key result costs one
 * lookup by id (this runs over 130,000 rows in a whole-organisation recompute).
 */
export function computeOrganisationProgress(
  input: OrganisationProgressInput,
  now: Date,
): OrganisationProgress {
  const expectedByCycle = new Map<string, number>();
  for (const cycle of input.cycles) expectedByCycle.set(cycle.id, expectedProgress(cycle, now));

  // One roll-up node per distinct objective id (a repeated id: its last definition, at its first
  // position), so positions here are positions in the roll-up.
  const count = input.objectives.length;
  const indexOf = new Map<string, number>();
  const expected = new Float64Array(count);
  const lowestConfidence = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const nodes: RollUpObjective[] = [];
  for (const objective of input.objectives) {
    const node = { id: objective.id, includeChildren: objective.includeChildren, keyResults: [] };
    let at = indexOf.get(objective.id);
    if (at === undefined) {
      at = nodes.length;
      indexOf.set(objective.id, at);
      nodes.push(node);
    } else nodes[at] = node;
    expected[at] = expectedByCycle.get(objective.cycleId) ?? 0;
  }

  const keyResults = new Map<string, ProgressAndHealth>();
  for (const kr of input.keyResults) {
    const progress = keyResultProgress(kr);
    const own = indexOf.get(kr.objectiveId);
    keyResults.set(kr.id, {
      progress,
      health: healthOf({ progress, expected: own === undefined ? 0 : (expected[own] as number), confidence: kr.confidence }),
    });
    if (own !== undefined) {
      nodes[own]?.keyResults.push({ progress, weight: kr.weight });
      if (kr.confidence !== null && kr.confidence < (lowestConfidence[own] as number)) lowestConfidence[own] = kr.confidence;
    }
    const parent = kr.contributesToId === null ? undefined : indexOf.get(kr.contributesToId);
    const parentNode = parent === undefined ? undefined : nodes[parent];
    if (parentNode?.includeChildren) parentNode.keyResults.push({ progress, weight: kr.weight });
  }

  // Frozen objectives come after the computed ones (their ids are not among them), as one key
  // result carrying their stored progress when they have something to measure.
  for (const f of input.frozen ?? []) {
    const node = { id: f.id, includeChildren: false, keyResults: f.measurable ? [{ progress: f.progress, weight: 1 }] : [] };
    const at = indexOf.get(f.id);
    if (at === undefined) nodes.push(node);
    else nodes[at] = node;
  }
  const rolled = rollUp(nodes, input.alignments);
  const objectives = new Map<string, ProgressAndHealth>();
  input.objectives.forEach((objective) => {
    const at = indexOf.get(objective.id) as number;
    const progress = rolled.progress[at] as number;
    const lowest = lowestConfidence[at] as number;
    objectives.set(objective.id, {
      progress,
      health:
        rolled.measured[at] === 1
          ? healthOf({ progress, expected: expected[at] as number, confidence: Number.isFinite(lowest) ? lowest : null })
          : null,
    });
  });
  return { keyResults, objectives };
}
