/** Turning stored rows into the input of the progress rules — shared by full and partial recomputes. */
import type { KrDirection, KrKind } from '../contracts/model.ts';
import type { OrganisationProgressInput } from '../domain/organisation-progress.ts';
import type { ProgressInputs } from '../repositories/progress.ts';

type Rows = Pick<ProgressInputs, 'keyResults' | 'alignments'> & {
  cycles: { id: string; start_date: string; end_date: string }[];
  objectives: { id: string; cycle_id: string; include_children: number }[];
};

export function progressInputOf(rows: Rows): OrganisationProgressInput {
  return {
    cycles: rows.cycles.map((c) => ({ id: c.id, startDate: c.start_date, endDate: c.end_date })),
    objectives: rows.objectives.map((o) => ({ id: o.id, cycleId: o.cycle_id, includeChildren: o.include_children === 1 })),
    keyResults: rows.keyResults.map((k) => ({
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
    alignments: rows.alignments.map((a) => ({ childId: a.child_id, parentId: a.parent_id })),
  };
}
