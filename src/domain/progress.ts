/**
 * Progress rules: key result progress, objective progress and its roll-up through alignment,
 * expected progress from elapsed cycle time, confidence bands and health.
 * Pure functions; see docs/decisions/0004-progress-status-and-quality-rules.md for the why.
 */
import type { ConfidenceBand, Health, KrDirection, KrKind } from '../contracts/model.ts';
import { assertNever } from './assert-never.ts';

/** The values of a key result that its progress depends on. */
export interface KeyResultValues {
  kind: KrKind;
  direction: KrDirection;
  start: number;
  /** `null` for a "baseline first" key result whose target is not set yet. */
  target: number | null;
  current: number;
}

/** An objective as the roll-up sees it: its own key results (progress 0..1 and weight). */
export interface RollUpObjective {
  id: string;
  includeChildren: boolean;
  keyResults: { progress: number; weight: number }[];
}

/** `childId` is aligned to (contributes to) `parentId`. */
export interface AlignmentEdge {
  childId: string;
  parentId: string;
}

/** Numbers used by {@link healthOf}; inclusive upper bounds on the gap `expected - progress`. */
export const HEALTH_THRESHOLDS = {
  /** A gap up to this is on track. */
  onTrackMaxGap: 0.1,
  /** A gap up to this is at risk; above it is off track. */
  atRiskMaxGap: 0.25,
  /** Below this expected progress the cycle is "early": pace alone never makes it off track. */
  earlyCycleExpected: 0.1,
} as const;

/** Confidence band boundaries: low < 0.4 <= medium < 0.7 <= high. */
export const CONFIDENCE_THRESHOLDS = { medium: 0.4, high: 0.7 } as const;

/** Absorbs binary rounding at the inclusive health boundaries (0.35 - 0.25 is 0.09999999999999998). */
const BOUNDARY_EPSILON = 1e-9;

const DAY_MS = 86_400_000;

/** The largest double below 1: progress toward a threshold that is not met never shows as 1. */
const ALMOST_ONE = 1 - Number.EPSILON / 2;

/** Clamps to [0, 1]; NaN becomes 0 so no rule ever leaks NaN. */
function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/**
 * `(current - from) / (to - from)` for `to > from`, without NaN when the span overflows to
 * Infinity (e.g. from = -1e308, to = 1e308): then every term is halved, which is exact for the
 * huge numbers that can overflow and keeps the fraction monotonic in `current`.
 */
function fractionOfSpan(current: number, from: number, to: number): number {
  const span = to - from;
  if (Number.isFinite(span)) return (current - from) / span;
  return (current / 2 - from / 2) / (to / 2 - from / 2);
}

/**
 * Progress of a key result, 0..1 (clamped, never NaN).
 *
 * - milestone: 1 when `current >= 1` (done), else 0.
 * - target `null` (baseline first): 0.
 * - increase: `(current - start) / (target - start)`; when the target is not above the start
 *   (start === target, or a misconfigured target) it is 1 once `current >= target`, else 0.
 * - decrease: the mirror image: `(start - current) / (start - target)`; when the target is not
 *   below the start it is 1 once `current <= target`, else 0.
 * - at_least: 1 while `current >= target`; below it, the way from `start` up to `target` when
 *   `start < target`, otherwise (the value fell from at/above the target) `current / target`
 *   for a positive target and 0 for a target <= 0.
 * - at_most: 1 while `current <= target`; above it, the way from `start` down to `target` when
 *   `start > target`, otherwise 0.
 */
export function keyResultProgress(kr: KeyResultValues): number {
  if (kr.kind === 'milestone') return kr.current >= 1 ? 1 : 0;
  const { start, target, current } = kr;
  if (target === null) return 0;
  switch (kr.direction) {
    case 'increase':
      if (target <= start) return current >= target ? 1 : 0;
      return clamp01(fractionOfSpan(current, start, target));
    case 'decrease':
      if (target >= start) return current <= target ? 1 : 0;
      // Negating keeps the same formula: the way from start down to target.
      return clamp01(fractionOfSpan(-current, -start, -target));
    case 'at_least':
      if (current >= target) return 1;
      // Rounding may bring a value just below the threshold to 1; it is not met, so cap it.
      if (start < target)
        return Math.min(ALMOST_ONE, clamp01(fractionOfSpan(current, start, target)));
      return target > 0 ? Math.min(ALMOST_ONE, clamp01(current / target)) : 0;
    case 'at_most':
      if (current <= target) return 1;
      if (start > target) {
        return Math.min(ALMOST_ONE, clamp01(fractionOfSpan(-current, -start, -target)));
      }
      return 0;
    default:
      return assertNever(kr.direction, 'key result direction');
  }
}

/**
 * Whether a threshold key result (`at_least` / `at_most`) currently holds its threshold.
 * `null` when there is no threshold to judge: other directions, milestones, and a key result
 * whose target is not set yet.
 */
export function isThresholdMet(kr: KeyResultValues): boolean | null {
  if (kr.kind === 'milestone' || kr.target === null) return null;
  switch (kr.direction) {
    case 'at_least':
      return kr.current >= kr.target;
    case 'at_most':
      return kr.current <= kr.target;
    case 'increase':
    case 'decrease':
      return null;
    default:
      return assertNever(kr.direction, 'key result direction');
  }
}

/**
 * Weighted mean of key result progress (clamped to 0..1) plus `extraCount` further values of
 * weight 1 whose sum is `extraSum` (the children in a roll-up). Key results whose weight is not a
 * positive finite number are ignored. Weights are scaled by the largest one so huge weights cannot
 * overflow. `null` when nothing has a usable weight. Allocates nothing: it runs once per objective.
 */
function weightedMean(
  krs: readonly { progress: number; weight: number }[],
  extraSum = 0,
  extraCount = 0,
): number | null {
  let maxWeight = extraCount > 0 ? 1 : 0;
  for (const kr of krs) {
    if (Number.isFinite(kr.weight) && kr.weight > maxWeight) maxWeight = kr.weight;
  }
  if (maxWeight === 0) return null;
  let weightSum = extraCount / maxWeight;
  let valueSum = extraSum / maxWeight;
  for (const kr of krs) {
    if (!Number.isFinite(kr.weight) || kr.weight <= 0) continue;
    const weight = kr.weight / maxWeight;
    weightSum += weight;
    valueSum += weight * clamp01(kr.progress);
  }
  return weightSum > 0 ? clamp01(valueSum / weightSum) : null;
}

/**
 * An objective's own progress: the weighted mean of its key results' progress (each clamped to
 * 0..1). Key results with a weight <= 0 (or not finite) are ignored; `null` when none is left.
 */
export function objectiveOwnProgress(krs: { progress: number; weight: number }[]): number | null {
  return weightedMean(krs);
}

/**
 * Progress of every objective, 0..1, rolled up through alignment.
 *
 * Without `includeChildren` an objective's progress is its own ({@link objectiveOwnProgress}).
 * With it, it is the weighted mean of its own key results (their weights) and each directly
 * aligned child's rolled-up progress with weight 1 — so descendants count through their
 * parents, once per parent, even in a DAG with several parents. Children with nothing to measure
 * (no key results and no measurable children) are left out instead of counting as 0. An
 * objective with nothing at all gets 0.
 *
 * Runs in O(objectives + edges) with an iterative topological order (no recursion) over integer
 * indexes and typed arrays. Duplicate edges count once; edges to or from unknown ids are ignored;
 * a repeated objective id keeps its first position and its last definition. Throws an Error naming
 * the objectives of an alignment loop among objectives that include their children (loops
 * elsewhere cannot change the result and are left to the alignment checks).
 */
export function rollUpProgress(
  objectives: RollUpObjective[],
  edges: AlignmentEdge[],
): Map<string, number> {
  const { nodes, progress } = rollUp(objectives, edges);
  const result = new Map<string, number>();
  nodes.forEach((node, index) => result.set(node.id, progress[index] as number));
  return result;
}

/**
 * {@link rollUpProgress} by position: `nodes` are the distinct objectives (first position, last
 * definition); `progress[i]` is the rolled-up progress of `nodes[i]` and `measured[i]` is 1 when
 * it has something to measure (a positively weighted key result, or a measured child it includes).
 */
export function rollUp(
  objectives: RollUpObjective[],
  edges: AlignmentEdge[],
): { nodes: RollUpObjective[]; progress: Float64Array; measured: Uint8Array } {
  const indexOf = new Map<string, number>();
  const nodes: RollUpObjective[] = [];
  for (const objective of objectives) {
    const index = indexOf.get(objective.id);
    if (index === undefined) {
      indexOf.set(objective.id, nodes.length);
      nodes.push(objective);
    } else {
      nodes[index] = objective;
    }
  }
  const size = nodes.length;

  // Only edges into objectives that include their children take part.
  const edgeChild = new Int32Array(edges.length);
  const edgeParent = new Int32Array(edges.length);
  const childCount = new Int32Array(size + 1);
  let edgeCount = 0;
  for (const edge of edges) {
    const parent = indexOf.get(edge.parentId);
    const child = indexOf.get(edge.childId);
    if (parent === undefined || child === undefined || !nodes[parent]?.includeChildren) continue;
    edgeChild[edgeCount] = child;
    edgeParent[edgeCount] = parent;
    edgeCount += 1;
    childCount[parent] = (childCount[parent] ?? 0) + 1;
  }

  // Children of each parent, compressed: childList[childStart[p] .. childStart[p + 1]).
  const childStart = prefixSums(childCount, size);
  const childList = new Int32Array(edgeCount);
  const fill = childStart.slice(0, size);
  for (let e = 0; e < edgeCount; e++) {
    const parent = edgeParent[e] as number;
    childList[fill[parent] as number] = edgeChild[e] as number;
    fill[parent] = (fill[parent] as number) + 1;
  }

  // Drop duplicate edges (marked -1) and count, per child, its distinct parents.
  const seenBy = new Int32Array(size).fill(-1);
  const pending = new Int32Array(size);
  const parentCount = new Int32Array(size + 1);
  for (let parent = 0; parent < size; parent++) {
    for (let c = childStart[parent] as number; c < (childStart[parent + 1] as number); c++) {
      const child = childList[c] as number;
      if (seenBy[child] === parent) {
        childList[c] = -1;
        continue;
      }
      seenBy[child] = parent;
      pending[parent] = (pending[parent] as number) + 1;
      parentCount[child] = (parentCount[child] as number) + 1;
    }
  }
  const parentStart = prefixSums(parentCount, size);
  const parentList = new Int32Array(parentStart[size] as number);
  const parentFill = parentStart.slice(0, size);
  for (let parent = 0; parent < size; parent++) {
    for (let c = childStart[parent] as number; c < (childStart[parent + 1] as number); c++) {
      const child = childList[c] as number;
      if (child < 0) continue;
      parentList[parentFill[child] as number] = parent;
      parentFill[child] = (parentFill[child] as number) + 1;
    }
  }

  // Kahn's algorithm from the leaves up: an objective is computed once all its children are.
  const queue = new Int32Array(size);
  let tail = 0;
  for (let index = 0; index < size; index++) {
    if (pending[index] === 0) queue[tail++] = index;
  }
  const progress = new Float64Array(size);
  const measured = new Uint8Array(size); // 1 when the objective has something to measure
  const done = new Uint8Array(size);
  for (let head = 0; head < tail; head++) {
    const index = queue[head] as number;
    let childSum = 0;
    let measuredChildren = 0;
    for (let c = childStart[index] as number; c < (childStart[index + 1] as number); c++) {
      const child = childList[c] as number;
      if (child >= 0 && measured[child] === 1) {
        childSum += progress[child] as number;
        measuredChildren += 1;
      }
    }
    const value = weightedMean(
      (nodes[index] as RollUpObjective).keyResults,
      childSum,
      measuredChildren,
    );
    if (value !== null) {
      progress[index] = value;
      measured[index] = 1;
    }
    done[index] = 1;
    for (let p = parentStart[index] as number; p < (parentStart[index + 1] as number); p++) {
      const parent = parentList[p] as number;
      pending[parent] = (pending[parent] as number) - 1;
      if (pending[parent] === 0) queue[tail++] = parent;
    }
  }
  if (tail < size) {
    throw new Error(describeLoop(nodes, done, childStart, childList));
  }
  return { nodes, progress, measured };
}

/** Start offsets of compressed adjacency lists from per-node counts (length size + 1). */
function prefixSums(counts: Int32Array, size: number): Int32Array {
  const starts = new Int32Array(size + 1);
  for (let index = 0; index < size; index++) {
    starts[index + 1] = (starts[index] as number) + (counts[index] as number);
  }
  return starts;
}

/**
 * Every objective Kahn's algorithm left undone still waits for an undone child, so following such
 * children must revisit an objective: that walk ends on a loop.
 */
function describeLoop(
  nodes: readonly RollUpObjective[],
  done: Uint8Array,
  childStart: Int32Array,
  childList: Int32Array,
): string {
  let current = done.indexOf(0);
  const walk: number[] = [];
  const positionInWalk = new Map<number, number>();
  while (current >= 0 && !positionInWalk.has(current)) {
    positionInWalk.set(current, walk.length);
    walk.push(current);
    let next = -1;
    for (let c = childStart[current] as number; c < (childStart[current + 1] as number); c++) {
      const child = childList[c] as number;
      if (child >= 0 && done[child] === 0) {
        next = child;
        break;
      }
    }
    current = next;
  }
  if (current < 0) return 'Alignment loop detected';
  const idOf = (index: number): string => nodes[index]?.id ?? String(index);
  // The walk went parent → child; show it the alignment way, child → parent.
  const path = [...walk.slice(positionInWalk.get(current)), current].reverse().map(idOf);
  return `Alignment loop at objective "${idOf(current)}": ${path.join(' -> ')}`;
}

/** Milliseconds since the epoch of 00:00 UTC on a 'YYYY-MM-DD' date; throws on an invalid date. */
function utcMidnight(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) throw new RangeError(`Invalid date "${isoDate}", expected YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw new RangeError(`Invalid date "${isoDate}"`);
  }
  return date.getTime();
}

/**
 * Share of the cycle elapsed at `at`, 0..1: the cycle runs from `startDate` 00:00 UTC to the end
 * of `endDate` (24:00 UTC), both inclusive. Throws a RangeError for an invalid date.
 */
export function expectedProgress(cycle: { startDate: string; endDate: string }, at: Date): number {
  const start = utcMidnight(cycle.startDate);
  const end = utcMidnight(cycle.endDate) + DAY_MS;
  const now = at.getTime();
  if (Number.isNaN(now)) throw new RangeError('Invalid date for expected progress');
  if (end <= start) return now >= start ? 1 : 0;
  return clamp01((now - start) / (end - start));
}

/** The band of an owner's confidence (0..1): low < 0.4 <= medium < 0.7 <= high. NaN is low. */
export function confidenceBand(confidence: number): ConfidenceBand {
  if (Number.isNaN(confidence) || confidence < CONFIDENCE_THRESHOLDS.medium) return 'low';
  if (confidence < CONFIDENCE_THRESHOLDS.high) return 'medium';
  return 'high';
}

const HEALTH_RANK: Record<Health, number> = { on_track: 0, at_risk: 1, off_track: 2 };

/**
 * Health of a key result or objective from its progress, the expected progress (pace) and the
 * owner's latest confidence (`null` when never given).
 *
 * With `gap = expected - progress`: on track when gap <= 0.10, at risk when gap <= 0.25, off track
 * above. Early in the cycle (expected < 0.10) pace alone never makes it off track. A low confidence
 * (< 0.4) makes it at least at risk; a high confidence never hides a lagging pace. Done
 * (progress 1) is always on track. More progress never makes the health worse.
 */
export function healthOf(input: {
  progress: number;
  expected: number;
  confidence: number | null;
}): Health {
  const progress = clamp01(input.progress);
  const expected = clamp01(input.expected);
  if (progress >= 1) return 'on_track';

  const gap = expected - progress;
  let health: Health =
    gap <= HEALTH_THRESHOLDS.onTrackMaxGap + BOUNDARY_EPSILON
      ? 'on_track'
      : gap <= HEALTH_THRESHOLDS.atRiskMaxGap + BOUNDARY_EPSILON
        ? 'at_risk'
        : 'off_track';
  if (expected < HEALTH_THRESHOLDS.earlyCycleExpected && health === 'off_track') health = 'at_risk';

  if (input.confidence !== null && confidenceBand(input.confidence) === 'low') {
    if (HEALTH_RANK[health] < HEALTH_RANK.at_risk) health = 'at_risk';
  }
  return health;
}
