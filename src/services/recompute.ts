/**
 * Recomputing derived progress and health for a whole organisation from the stored values:
 * after imports and bulk loads, and as the reference that incremental updates must agree with.
 */
import type { KrDirection, KrKind } from '../contracts/model.ts';
import type { Connection } from '../db/connection.ts';
import { computeOrganisationProgress } from '../domain/organisation-progress.ts';
import { loadProgressInputs, saveProgress } from '../repositories/progress.ts';

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
  const computed = computeOrganisationProgress(
    {
      cycles: inputs.cycles.map((c) => ({ id: c.id, startDate: c.start_date, endDate: c.end_date })),
      objectives: inputs.objectives.map((o) => ({
        id: o.id,
        cycleId: o.cycle_id,
        includeChildren: o.include_children === 1,
      })),
      keyResults: inputs.keyResults.map((k) => ({
        id: k.id,
        objectiveId: k.objective_id,
        contributesToId: k.contributes_to_id,
        kind: k.kind as KrKind,
        direction: k.direction as KrDirection,
        start: k.start_value,
        target: k.target_value,
        current: k.current_value,
        weight: k.weight,
        confidence: k.confidence,
      })),
      alignments: inputs.alignments.map((a) => ({ childId: a.child_id, parentId: a.parent_id })),
    },
    now,
  );
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
