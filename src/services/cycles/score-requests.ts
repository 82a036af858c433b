/**
 * "Score your objectives": what the caller was asked to score when a cycle entered grading, with
 * where each score stands (proposed, confirmed). Only cycles still in grading, only objectives
 * the caller still owns.
 */
import type { CycleStatus } from '../../contracts/model.ts';
import type { ScoreRequestsView } from '../../contracts/api/cycles.ts';
import { listScope } from '../../policy/policy.ts';
import { cycleObjectives, proposedScores, scoreRequestsOf } from '../../repositories/cycle-work.ts';
import type { ServiceContext } from '../context.ts';
import { objectiveRefs } from './carry-over.ts';

export async function myScoreRequests(ctx: ServiceContext): Promise<ScoreRequestsView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const requests = await scoreRequestsOf(db, actor.orgId, actor.userId);
  const cycleIds = [...new Set(requests.map((r) => r.cycle_id))];
  const objectives = new Map(
    (await Promise.all(cycleIds.map((id) => cycleObjectives(db, listScope(actor), id))))
      .flat()
      .map((o) => [o.id, o]),
  );
  const ids = requests.map((r) => r.objective_id);
  const [grades, ref] = await Promise.all([
    proposedScores(db, actor.orgId, ids),
    objectiveRefs(db, actor.orgId, [...objectives.values()]),
  ]);
  return {
    items: requests.flatMap((r) => {
      const objective = objectives.get(r.objective_id);
      if (!objective) return [];
      const grade = grades.get(r.objective_id);
      return [
        {
          objective: ref(objective),
          cycle: { id: r.cycle_id, name: r.cycle_name, status: r.cycle_status as CycleStatus },
          requestedAt: r.requested_at,
          proposedScore: grade?.proposed ?? null,
          confirmedScore: grade?.confirmed ?? null,
        },
      ];
    }),
  };
}
