/**
 * Rules of restructuring and of a person's history, as pure functions: which alignments still
 * hold when an objective moves to another cycle, and the per-cycle figures of a history.
 */
import type { AlignmentNode } from './alignment.ts';

export interface CycleSpan {
  startDate: string;
  endDate: string;
}

/** The outer span contains the inner one (YYYY-MM-DD strings compare like the dates they name). */
export function cycleEncloses(outer: CycleSpan, inner: CycleSpan): boolean {
  return outer.startDate <= inner.startDate && outer.endDate >= inner.endDate;
}

/** An alignment a move would break: a parent that no longer encloses, or a child no longer enclosed. */
export interface BrokenAlignment {
  side: 'parent' | 'child';
  id: string;
  message: string;
}

/**
 * The alignments of an objective that would break if its cycle became `cycle`: each parent's
 * cycle must enclose the objective's, and the objective's must enclose each child's (the same
 * rule {@link checkAlignment} applies when aligning). Parents and children are reported in the
 * order given; an empty result means every alignment survives the move.
 */
export function alignmentsBrokenByMove(
  cycle: CycleSpan,
  parents: readonly Pick<AlignmentNode, 'id' | 'cycle'>[],
  children: readonly Pick<AlignmentNode, 'id' | 'cycle'>[],
): BrokenAlignment[] {
  const broken: BrokenAlignment[] = [];
  for (const parent of parents) {
    if (!cycleEncloses(parent.cycle, cycle)) {
      broken.push({
        side: 'parent',
        id: parent.id,
        message: `its parent's cycle (${parent.cycle.startDate} to ${parent.cycle.endDate}) would not enclose ${cycle.startDate} to ${cycle.endDate}; align it to another parent or to none`,
      });
    }
  }
  for (const child of children) {
    if (!cycleEncloses(cycle, child.cycle)) {
      broken.push({
        side: 'child',
        id: child.id,
        message: `an objective aligned to it (${child.cycle.startDate} to ${child.cycle.endDate}) would fall outside ${cycle.startDate} to ${cycle.endDate}; move or unalign that objective first`,
      });
    }
  }
  return broken;
}

/** The figures of one cycle in a person's history. */
export interface CycleFigures {
  /** Mean progress of the objectives (null when there are none). */
  averageProgress: number | null;
  /** Mean score of the graded objectives (null when none is graded). */
  averageScore: number | null;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  // A mean of values in [0, 1] stays in [0, 1]; clamping guards against the last bit of rounding.
  return Math.min(Math.max(...values), Math.max(Math.min(...values), sum / values.length));
}

/**
 * Mean progress of the objectives and mean score of those graded. Ungraded objectives (score
 * null) do not pull the score down: a cycle still running has no score yet, not a score of 0.
 */
export function cycleFigures(
  objectives: readonly { progress: number; score: number | null }[],
): CycleFigures {
  return {
    averageProgress: mean(objectives.map((o) => o.progress)),
    averageScore: mean(objectives.flatMap((o) => (o.score === null ? [] : [o.score]))),
  };
}
