/**
 * Recomputing derived progress and health for a whole organisation from the stored values:
 * after imports and bulk loads, and as the reference that incremental updates must agree with.
 */
import type { Connection } from '../db/connection.ts';
import { computeOrganisationProgress } from '../domain/organisation-progress.ts';
import { loadProgressInputs, saveProgress } from '../repositories/progress.ts';
import { progressInputOf } from './progress-input.ts';

export interface RecomputeOutcome {
  keyResults: number;
  objectives: number;
  /** Rows whose stored progress or health differed from the recomputation. */
  changed: number;
}

/**
 * Recomputes progress and health of every key result and objective of the organisation as of
 * `now`, and stores them. Only rows whose values changed are written.
 */
export async function recomputeOrganisation(
  connection: Connection,
  orgId: string,
  now: Date,
): Promise<RecomputeOutcome> {
  const inputs = await loadProgressInputs(connection, orgId);
  const computed = computeOrganisationProgress(progressInputOf(inputs), now);
  const changedKeyResults = inputs.keyResults.filter((k) => {
    const c = computed.keyResults.get(k.id);
    return c !== undefined && (c.progress !== k.progress || c.health !== k.health);
  });
  const changedObjectives = inputs.objectives.filter((o) => {
    const c = computed.objectives.get(o.id);
    return c !== undefined && (c.progress !== o.progress || c.health !== o.health);
  });
  await saveProgress(
    connection,
    changedKeyResults.flatMap((k) => {
      const c = computed.keyResults.get(k.id);
      return c ? [{ id: k.id, ...c }] : [];
    }),
    changedObjectives.flatMap((o) => {
      const c = computed.objectives.get(o.id);
      return c ? [{ id: o.id, ...c }] : [];
    }),
  );
  return {
    keyResults: inputs.keyResults.length,
    objectives: inputs.objectives.length,
    changed: changedKeyResults.length + changedObjectives.length,
  };
}
