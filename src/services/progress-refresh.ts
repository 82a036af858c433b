/**
 * Keeping stored progress current after a change: the changed objectives and every ancestor
 * they roll up into are recomputed with the same rules as a full recompute; siblings outside
 * that path keep their stored values. Runs inside the caller's transaction.
 */
import { computeOrganisationProgress } from '../domain/organisation-progress.ts';
import { loadRefreshInputs, saveProgressIn } from '../repositories/progress.ts';
import type { Db } from './context.ts';
import { progressInputOf } from './progress-input.ts';

export type RefreshedProgress = Map<string, { progress: number; health: string | null }>;

/**
 * Recomputes progress and health of these objectives, their key results and their ancestors.
 * Returns the progress and health each of those objectives now has.
 */
export async function refreshProgress(db: Db, orgId: string, objectiveIds: string[], now: Date): Promise<RefreshedProgress> {
  const result: RefreshedProgress = new Map();
  const inputs = await loadRefreshInputs(db, orgId, objectiveIds);
  if (inputs.objectives.length === 0) return result;
  const refreshed = new Set(inputs.objectives.map((o) => o.id));
  const computed = computeOrganisationProgress(
    {
      ...progressInputOf(inputs),
      frozen: inputs.frozen.map((f) => ({ id: f.id, progress: f.progress, measurable: f.health !== null })),
    },
    now,
  );
  const keyResults = inputs.keyResults
    .filter((k) => refreshed.has(k.objective_id))
    .flatMap((k) => {
      const c = computed.keyResults.get(k.id);
      return c && (c.progress !== k.progress || c.health !== k.health) ? [{ id: k.id, ...c }] : [];
    });
  const objectives = inputs.objectives.flatMap((o) => {
    const c = computed.objectives.get(o.id);
    result.set(o.id, c ? { progress: c.progress, health: c.health } : { progress: o.progress, health: o.health });
    return c && (c.progress !== o.progress || c.health !== o.health) ? [{ id: o.id, ...c }] : [];
  });
  await saveProgressIn(db, keyResults, objectives);
  return result;
}
