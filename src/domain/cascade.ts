/**
 * Cascading an objective to a team: the key results a team lead starts from when they cascade a
 * company (or parent-team) objective into their team's. Pure; the cascade-proposal use case
 * loads the parent's key results and hands them here.
 */
import type { KrDirection, KrKind } from '../contracts/model.ts';

/** The wizard's and the quality rules' upper bound: more than five key results is a to-do list. */
export const MAX_CASCADED_KEY_RESULTS = 5;
/** The longest title the API accepts. */
export const MAX_TITLE_LENGTH = 200;
export const CASCADE_TITLE_PREFIX = 'Our part of: ';

export interface ParentKeyResult {
  id: string;
  title: string;
  kind: KrKind;
  direction: KrDirection;
  start: number;
  target: number | null;
  current: number;
  unit: string | null;
  currency: string | null;
  weight: number;
  position: number;
}

export interface CascadedKeyResult {
  /** The parent's key result this draft was proposed from. */
  sourceKeyResultId: string;
  title: string;
  kind: KrKind;
  direction: KrDirection;
  start: number;
  /** null: the parent has no target yet, so the team measures its baseline first too. */
  target: number | null;
  unit: string | null;
  currency: string | null;
  weight: number;
}

/** The value the team starts from: where the parent stands today, when that is still short of the target. */
function startOf(kr: ParentKeyResult): number {
  if (kr.kind === 'milestone') return 0;
  if (kr.target === null) return kr.current;
  const low = Math.min(kr.start, kr.target);
  const high = Math.max(kr.start, kr.target);
  const stillShort = kr.current >= low && kr.current <= high && kr.current !== kr.target;
  return stillShort ? kr.current : kr.start;
}

function titleOf(title: string): string {
  const full = `${CASCADE_TITLE_PREFIX}${title.trim()}`;
  return full.length <= MAX_TITLE_LENGTH ? full : `${full.slice(0, MAX_TITLE_LENGTH - 1)}…`;
}

/**
 * One key result draft per key result of the parent, in the parent's order (position, then id),
 * at most {@link MAX_CASCADED_KEY_RESULTS}: the same measure (kind, direction, unit, currency,
 * weight), the same target, starting from where the parent stands today while it is still short
 * of its target (its own start otherwise), titled as the team's part of it. Milestones stay
 * 0 → 1. The lead rewords them and assigns owners among the team's members in the wizard.
 */
export function proposeCascadedKeyResults(
  parentKeyResults: readonly ParentKeyResult[],
): CascadedKeyResult[] {
  return [...parentKeyResults]
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, MAX_CASCADED_KEY_RESULTS)
    .map((kr) => ({
      sourceKeyResultId: kr.id,
      title: titleOf(kr.title),
      kind: kr.kind,
      direction: kr.direction,
      start: startOf(kr),
      target: kr.kind === 'milestone' ? 1 : kr.target,
      unit: kr.unit,
      currency: kr.currency,
      weight: kr.weight,
    }));
}
