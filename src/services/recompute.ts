/**
 * Recomputing derived progress and health for a whole organisation from the stored values:
 * after imports and bulk loads, and as the reference that incremental updates must agree with.
 */
import type { Connection } from '../db/connection.ts';
import { computeOrganisationProgress, type ProgressAndHealth } from '../domain/organisation-progress.ts';
import { loadProgressInputs, saveProgress, type ProgressUpdate, type StoredProgress } from '../repositories/progress.ts';

export interface RecomputeOutcome {
  keyResults: number;
  objectives: number;
  /** Rows whose stored progress or health differed from the recomputation. */
  changed: number;
}

/** The rows whose computed progress or health differs from what is stored. */
export function changedProgress(stored: StoredProgress[], computed: Map<string, ProgressAndHealth>): ProgressUpdate[] {
  const changed: ProgressUpdate[] = [];
  for (const s of stored) {
    const c = computed.get(s.id);
    if (c !== undefined && (c.progress !== s.progress || c.health !== s.health)) changed.push({ id: s.id, ...c });
  }
  return changed;
}

/**
 * Recomputes progress and health of every key result and objective of the organisation as of
 * `now`, and stores them. Only rows whose values changed are written.
 */
export async function recomputeOrganisation(connection: Connection, orgId: string, now: Date): Promise<RecomputeOutcome> {
  const rows = await loadProgressInputs(connection, orgId);
  const computed = computeOrganisationProgress(rows.input, now);
  const keyResults = changedProgress(rows.storedKeyResults, computed.keyResults);
  const objectives = changedProgress(rows.storedObjectives, computed.objectives);
  await saveProgress(connection, keyResults, objectives);
  return {
    keyResults: rows.input.keyResults.length,
    objectives: rows.input.objectives.length,
    changed: keyResults.length + objectives.length,
  };
}
