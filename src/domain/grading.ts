/**
 * Closing a cycle: the score an owner is offered to propose, the score that counts, and the
 * cycle report's averages per team and per level.
 */
import { keyResultScore, objectiveScore } from './scoring.ts';
import type { KeyResultValues } from './progress.ts';

/**
 * The score offered to the owner when they propose one: the weighted mean of their key results'
 * suggested scores (progress, or 1 for a threshold held), or 0 with no weighted key result.
 */
export function suggestedScore(
  keyResults: readonly (KeyResultValues & { weight: number })[],
): number {
  return (
    objectiveScore(keyResults.map((kr) => ({ score: keyResultScore(kr), weight: kr.weight }))) ?? 0
  );
}

/** Where an objective's grade stands. */
export type GradeState = 'not_proposed' | 'proposed' | 'confirmed';

export function gradeState(grade: {
  proposed: number | null;
  confirmed: number | null;
}): GradeState {
  if (grade.confirmed !== null) return 'confirmed';
  return grade.proposed !== null ? 'proposed' : 'not_proposed';
}

/** The score that counts in a report: the confirmed one, else the proposal, else none. */
export function finalScore(grade: {
  proposed: number | null;
  confirmed: number | null;
}): number | null {
  return grade.confirmed ?? grade.proposed;
}

export interface ScoreGroup {
  key: string;
  objectives: number;
  scored: number;
  confirmed: number;
  /** Mean of the scores that count, 2 decimals; null when nothing is scored. */
  average: number | null;
}

/**
 * Objectives grouped by `key`, in order of first appearance, with how many are scored and
 * confirmed and the average of the scores that count.
 */
export function groupScores(
  rows: readonly { key: string; proposed: number | null; confirmed: number | null }[],
): ScoreGroup[] {
  const groups = new Map<
    string,
    { objectives: number; scored: number; confirmed: number; sum: number }
  >();
  for (const row of rows) {
    let group = groups.get(row.key);
    if (!group) groups.set(row.key, (group = { objectives: 0, scored: 0, confirmed: 0, sum: 0 }));
    group.objectives += 1;
    const score = finalScore(row);
    if (score !== null && Number.isFinite(score)) {
      group.scored += 1;
      group.sum += Math.min(1, Math.max(0, score));
    }
    if (row.confirmed !== null) group.confirmed += 1;
  }
  return [...groups].map(([key, g]) => ({
    key,
    objectives: g.objectives,
    scored: g.scored,
    confirmed: g.confirmed,
    average: g.scored === 0 ? null : Math.min(1, Math.round((g.sum / g.scored) * 100 + 1e-9) / 100),
  }));
}
