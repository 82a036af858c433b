/**
 * The strategy tree's pure rules: which theme each company objective falls under (by its tags),
 * and how a group of objectives rolls up (mean progress, worst status).
 */
import type { Health } from '../contracts/model.ts';

const WORST_FIRST: readonly Health[] = ['off_track', 'at_risk', 'on_track'];

/** Mean progress and the worst status of the objectives (nulls without any, or any status). */
export function rollUp(objectives: readonly { progress: number; health: Health | null }[]): {
  progress: number | null;
  health: Health | null;
} {
  if (objectives.length === 0) return { progress: null, health: null };
  const progress = objectives.reduce((sum, o) => sum + o.progress, 0) / objectives.length;
  const health = WORST_FIRST.find((h) => objectives.some((o) => o.health === h)) ?? null;
  return { progress, health };
}

/**
 * Each theme's objectives, in the order given, and the objectives under no theme. An objective
 * tagged with several themes is under each of them; tags match theme names exactly, as the tag
 * filter does.
 */
export function groupByTheme<T extends { id: string }>(
  themeNames: readonly string[],
  objectives: readonly T[],
  tagsOf: (objective: T) => readonly string[],
): { byTheme: Map<string, T[]>; untagged: T[] } {
  const byTheme = new Map<string, T[]>(themeNames.map((name) => [name, []]));
  const untagged: T[] = [];
  for (const objective of objectives) {
    let placed = false;
    for (const tag of new Set(tagsOf(objective))) {
      const list = byTheme.get(tag);
      if (!list) continue;
      list.push(objective);
      placed = true;
    }
    if (!placed) untagged.push(objective);
  }
  return { byTheme, untagged };
}
