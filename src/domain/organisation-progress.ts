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
 *
 * Objectives are addressed by their position in `input.objectives` so that each key result costs
 * one lookup by id (this runs over 130,000 rows in a whole-organisation recompute).
 */
export function computeOrganisationProgress(
  input: OrganisationProgressInput,
  now: Date,
): OrganisationProgress {
  const expectedByCycle = new Map<string, number>();
  for (const cycle of input.cycles) expectedByCycle.set(cycle.id, expectedProgress(cycle, now));

  const count = input.objectives.length;
  const indexOf = new Map<string, number>();
  const expected = new Float64Array(count);
  const lowestConfidence = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const nodes: RollUpObjective[] = [];
  input.objectives.forEach((objective, i) => {
    indexOf.set(objective.id, i);
    expected[i] = expectedByCycle.get(objective.cycleId) ?? 0;
    nodes.push({ id: objective.id, includeChildren: objective.includeChildren, keyResults: [] });
  });

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

  // Frozen objectives come after the computed ones; the roll-up takes the last of an id.
  const measurable = new Set<string>();
  for (const f of input.frozen ?? []) {
    nodes.push({ id: f.id, includeChildren: false, keyResults: f.measurable ? [{ progress: f.progress, weight: 1 }] : [] });
    if (f.measurable) measurable.add(f.id);
  }
  const rolled = rollUpProgress(nodes, input.alignments);
  markMeasurable(nodes, input.alignments, measurable);
  const objectives = new Map<string, ProgressAndHealth>();
  input.objectives.forEach((objective, i) => {
    const progress = rolled.get(objective.id) ?? 0;
    const lowest = lowestConfidence[i] as number;
    objectives.set(objective.id, {
      progress,
      health: measurable.has(objective.id)
        ? healthOf({ progress, expected: expected[i] as number, confidence: Number.isFinite(lowest) ? lowest : null })
        : null,
    });
  });
  return { keyResults, objectives };
}

/**
 * Adds to `measurable` every objective with a positively weighted key result, and every
 * objective that includes its children and has a measurable child (transitively). When an id
 * appears more than once in `nodes`, the last one counts (as in the roll-up).
 */
function markMeasurable(nodes: RollUpObjective[], edges: AlignmentEdge[], measurable: Set<string>): void {
  const byId = new Map<string, RollUpObjective>();
  for (const node of nodes) byId.set(node.id, node);
  const parentsOf = new Map<string, string[]>();
  for (const edge of edges) {
    const list = parentsOf.get(edge.childId);
    if (list) list.push(edge.parentId);
    else parentsOf.set(edge.childId, [edge.parentId]);
  }
  const queue: string[] = [...measurable];
  for (const node of byId.values()) {
    if (!measurable.has(node.id) && node.keyResults.some((kr) => kr.weight > 0)) {
      measurable.add(node.id);
      queue.push(node.id);
    }
  }
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const parentId of parentsOf.get(id) ?? []) {
      if (measurable.has(parentId) || !byId.get(parentId)?.includeChildren) continue;
      measurable.add(parentId);
      queue.push(parentId);
    }
  }
}
