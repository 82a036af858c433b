import type { MyKeyResultView, MyOkrsView } from '../../contracts/api/okrs.ts';
import { presentKeyResult } from '../../presenters/key-results.ts';
import { presentCycleRef, readable } from '../../presenters/objectives.ts';
import { listScope } from '../../policy/policy.ts';
import { keyResultsOwnedIn } from '../../repositories/key-results.ts';
import { loadObjectives } from '../../repositories/objective-facts.ts';
import { cycleOf, peopleNames } from '../../repositories/objectives.ts';
import { currentCycle, ownedObjectiveIds } from '../../repositories/tree.ts';
import { dependencyRisksOf } from '../collaboration/dependency-risk.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';
import { objectiveSummaries } from './objective-views.ts';

/** A key result is due for a check-in after this long without one. */
export const CHECK_IN_DUE_AFTER_MS = 7 * 86_400_000;

/**
 * "My OKRs" in a cycle (default: the active cycle containing today, else the latest): the
 * objectives the actor owns and the key results they own, in their own objectives or others';
 * key results due for a check-in (none in 7 days while the cycle is active) first.
 */
export async function myOkrs(ctx: ServiceContext, cycleId: string | undefined): Promise<MyOkrsView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const cycle = cycleId ? await cycleOf(trx, orgId, cycleId) : await currentCycle(trx, orgId, now.toISOString().slice(0, 10));
    if (!cycle && cycleId) throw notFound('cycle');
    if (!cycle) return { cycle: null, objectives: [], keyResults: [] };
    const [objectiveIds, keyResults] = await Promise.all([
      ownedObjectiveIds(trx, listScope(actor), cycle.id, actor.userId),
      keyResultsOwnedIn(trx, orgId, cycle.id, actor.userId),
    ]);
    const [objectives, parents, people, risks] = await Promise.all([
      objectiveSummaries(trx, actor, objectiveIds),
      loadObjectives(trx, orgId, [...new Set(keyResults.map((k) => k.objective_id))]),
      peopleNames(trx, orgId, [actor.userId]),
      dependencyRisksOf(trx, actor, keyResults.map((k) => k.id)),
    ]);
    const myTeams = [...actor.teamIds];
    const due = (lastCheckInAt: string | null) =>
      cycle.status === 'active' && (lastCheckInAt === null || now.getTime() - Date.parse(lastCheckInAt) >= CHECK_IN_DUE_AFTER_MS);
    const mine = keyResults.flatMap((k): MyKeyResultView[] => {
      const objective = parents.get(k.objective_id);
      if (!objective || !readable(actor, objective)) return [];
      return [
        {
          ...presentKeyResult(actor, objective.facts, k, myTeams, people, risks.get(k.id) ?? null),
          dueForCheckIn: due(k.last_check_in_at),
          objective: { id: objective.row.id, title: objective.row.title },
        },
      ];
    });
    // A stable sort: due first, otherwise in objective and position order.
    mine.sort((a, b) => Number(b.dueForCheckIn) - Number(a.dueForCheckIn));
    return { cycle: presentCycleRef(cycle), objectives, keyResults: mine };
  });
}
