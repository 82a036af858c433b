/**
 * Keeping stored progress current after a change: the changed objectives and every ancestor
 * they roll up into are recomputed with the same rules as a full recompute; siblings outside
 * that path keep their stored values. Runs inside the caller's transaction.
 */
import { computeOrganisationProgress } from '../domain/organisation-progress.ts';
import { loadRefreshInputs, saveProgressIn } from '../repositories/progress.ts';
import type { Db } from './context.ts';
import { changedProgress } from './recompute.ts';

export type RefreshedProgress = Map<string, { progress: number; health: string | null }>;

/**
 * Recomputes progress and health of these objectives, their key results and their ancestors.
 * Returns the progress and health each of those objectives now has.
 */
export async function refreshProgress(db: Db, orgId: string, objectiveIds: string[], now: Date): Promise<RefreshedProgress> {
  const result: RefreshedProgress = new Map();
  const rows = await loadRefreshInputs(db, orgId, objectiveIds);
  if (rows.input.objectives.length === 0) return result;
  const refreshed = new Set(rows.input.objectives.map((o) => o.id));
  const computed = computeOrganisationProgress(rows.input, now);
  for (const stored of rows.storedObjectives) {
    const c = computed.objectives.get(stored.id);
    result.set(stored.id, c ? { progress: c.progress, health: c.health } : { progress: stored.progress, health: stored.health });
  }
  // Key results of objectives outside the refreshed set are read only for the roll-up.
  const ownKeyResults = rows.storedKeyResults.filter((_, i) => refreshed.has(rows.input.keyResults[i]?.objectiveId ?? ''));
  await saveProgressIn(db, changedProgress(ownKeyResults, computed.keyResults), changedProgress(rows.storedObjectives, computed.objectives));
  return result;
}
