/**
 * Alignment rules: which objective may align to which, loop detection, and walking the alignment
 * graph. Edges point from the child (the contributing objective) to its parent.
 */
import type { ObjectiveLevel } from '../contracts/model.ts';
import type { AlignmentEdge } from './progress.ts';

/** For each level, the levels its parent objectives may have. */
export const ALLOWED_PARENT_LEVELS: Record<ObjectiveLevel, readonly ObjectiveLevel[]> = {
  individual: ['team', 'shared', 'company'],
  team: ['team', 'shared', 'company'],
  shared: ['company', 'shared'],
  company: [],
};

/** An objective as the alignment checks see it. */
export interface AlignmentNode {
  id: string;
  level: ObjectiveLevel;
  cycle: { startDate: string; endDate: string };
}

/** Why a proposed alignment to `parentId` is not allowed. `path` is given for loops. */
export type AlignmentProblem = {
  code:
    | 'self_alignment'
    | 'level_not_allowed'
    | 'cycle_not_enclosing'
    | 'alignment_loop'
    | 'duplicate_parent';
  message: string;
  parentId: string;
  path?: string[];
};

function adjacency(edges: readonly AlignmentEdge[], up: boolean): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const from = up ? edge.childId : edge.parentId;
    const to = up ? edge.parentId : edge.childId;
    const list = next.get(from);
    if (list === undefined) next.set(from, [to]);
    else list.push(to);
  }
  return next;
}

/**
 * Breadth-first walk from `start`, each node once. Returns, for every node reached (not `start`),
 * the node it was reached from, in visiting order.
 */
function walk(start: string, next: Map<string, string[]>): Map<string, string> {
  const reachedFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const neighbour of next.get(node) ?? []) {
      if (neighbour === start || reachedFrom.has(neighbour)) continue;
      reachedFrom.set(neighbour, node);
      queue.push(neighbour);
    }
  }
  return reachedFrom;
}

function encloses(
  outer: { startDate: string; endDate: string },
  inner: { startDate: string; endDate: string },
): boolean {
  // YYYY-MM-DD strings compare like the dates they name.
  return outer.startDate <= inner.startDate && outer.endDate >= inner.endDate;
}

/**
 * Problems with aligning `child` to each of `parents`, given the alignments that already exist.
 * Checks per parent: not the child itself, listed once, an allowed level
 * ({@link ALLOWED_PARENT_LEVELS}), a cycle that encloses the child's (the same cycle is fine), and
 * no loop: the new edge closes one when the parent already aligns, directly or transitively, to
 * the child; the problem's `path` is then `[child, parent, …, child]`, each aligned to the next.
 * `existingEdges` may include the child's current alignments (so the same check serves create and
 * update): only repeats inside `parents` are reported as duplicates. Runs in O(parents + edges).
 * An empty result means the alignment is allowed.
 */
export function checkAlignment(
  child: AlignmentNode,
  parents: AlignmentNode[],
  existingEdges: AlignmentEdge[],
): AlignmentProblem[] {
  const problems: AlignmentProblem[] = [];
  // Objectives that align up to the child; aligning the child to one of them closes a loop.
  let alignedToChild: Map<string, string> | undefined;
  const listed = new Set<string>();
  for (const parent of parents) {
    const parentId = parent.id;
    if (listed.has(parentId)) {
      problems.push({
        code: 'duplicate_parent',
        message: `Objective "${parentId}" is listed more than once as a parent.`,
        parentId,
      });
      continue;
    }
    listed.add(parentId);
    if (parentId === child.id) {
      problems.push({
        code: 'self_alignment',
        message: 'An objective cannot be aligned to itself.',
        parentId,
      });
      continue;
    }
    if (!ALLOWED_PARENT_LEVELS[child.level].includes(parent.level)) {
      const allowed = ALLOWED_PARENT_LEVELS[child.level];
      problems.push({
        code: 'level_not_allowed',
        message:
          allowed.length === 0
            ? `A ${child.level} objective cannot be aligned to another objective.`
            : `A ${child.level} objective can be aligned to ${allowed.join(', ')} objectives, not to a ${parent.level} objective.`,
        parentId,
      });
    }
    if (!encloses(parent.cycle, child.cycle)) {
      problems.push({
        code: 'cycle_not_enclosing',
        message: `The parent's cycle (${parent.cycle.startDate} to ${parent.cycle.endDate}) does not enclose this objective's cycle (${child.cycle.startDate} to ${child.cycle.endDate}).`,
        parentId,
      });
    }
    alignedToChild ??= walk(child.id, adjacency(existingEdges, false));
    if (alignedToChild.has(parentId)) {
      // Following "reached from" leads back from the parent to the child, the walk's start.
      const loop = [child.id, parentId];
      for (
        let node = alignedToChild.get(parentId);
        node !== undefined;
        node = alignedToChild.get(node)
      ) {
        loop.push(node);
      }
      problems.push({
        code: 'alignment_loop',
        message: `Aligning to "${parentId}" would create an alignment loop: ${loop.join(' -> ')}.`,
        parentId,
        path: loop,
      });
    }
  }
  return problems;
}

/** Every objective `id` aligns to, directly or transitively, nearest first, each once. */
export function ancestorsOf(id: string, edges: AlignmentEdge[]): string[] {
  return [...walk(id, adjacency(edges, true)).keys()];
}

/** Every objective aligned to `id`, directly or transitively, nearest first, each once. */
export function descendantsOf(id: string, edges: AlignmentEdge[]): string[] {
  return [...walk(id, adjacency(edges, false)).keys()];
}

/**
 * One alignment loop in `edges`, as `[a, b, …, a]` where each objective is aligned to the next,
 * or `null` when there is none. Iterative depth-first search, O(nodes + edges).
 */
export function findCycle(edges: AlignmentEdge[]): string[] | null {
  const up = adjacency(edges, true);
  const done = new Set<string>();
  const stackIndex = new Map<string, number>();
  for (const root of up.keys()) {
    if (done.has(root)) continue;
    const stack: { node: string; next: number }[] = [{ node: root, next: 0 }];
    stackIndex.set(root, 0);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { node: string; next: number };
      const neighbours = up.get(frame.node) ?? [];
      if (frame.next >= neighbours.length) {
        stack.pop();
        stackIndex.delete(frame.node);
        done.add(frame.node);
        continue;
      }
      const neighbour = neighbours[frame.next] as string;
      frame.next += 1;
      if (done.has(neighbour)) continue;
      const onStack = stackIndex.get(neighbour);
      if (onStack !== undefined) {
        return [...stack.slice(onStack).map((entry) => entry.node), neighbour];
      }
      stackIndex.set(neighbour, stack.length);
      stack.push({ node: neighbour, next: 0 });
    }
  }
  return null;
}
