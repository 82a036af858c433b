import type { PersonHistoryView } from '../../contracts/api/restructuring.ts';
import type {
  CycleStatus,
  Health,
  ObjectiveLevel,
  ObjectiveStatus,
} from '../../contracts/model.ts';
import { cycleFigures } from '../../domain/restructuring.ts';
import { authorize, listScope } from '../../policy/policy.ts';
import { peopleNames } from '../../repositories/objectives.ts';
import {
  checkInCountsByCycle,
  checkInsWrittenBy,
  cyclesAmong,
  ownedObjectivesAcrossCycles,
} from '../../repositories/person-history.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/**
 * A person's history ('person.history.read'): per cycle, oldest first, the objectives they own
 * with their progress (final once the cycle closed) and score, the means of both, and how many
 * check-ins they wrote; and their latest check-ins. Only what the caller may read counts: a
 * private objective they are no reader of, and check-ins under it, are left out entirely. 404
 * when the person is not a member of the organisation.
 */
export async function personHistory(
  ctx: ServiceContext,
  userId: string,
  limit: number,
): Promise<PersonHistoryView> {
  const { actor } = ctx;
  authorize(actor, 'person.history.read', { type: 'person', userId });
  const scope = listScope(actor);
  return inTransaction(ctx, async (trx) => {
    const name = (await peopleNames(trx, actor.orgId, [userId])).get(userId);
    if (name === undefined) throw notFound('person');
    const [objectives, checkIns, counts] = await Promise.all([
      ownedObjectivesAcrossCycles(trx, scope, userId),
      checkInsWrittenBy(trx, scope, userId, limit),
      checkInCountsByCycle(trx, scope, userId),
    ]);
    const cycles = await cyclesAmong(trx, actor.orgId, [
      ...new Set([...objectives.map((o) => o.cycle_id), ...counts.keys()]),
    ]);
    return {
      person: { id: userId, name },
      cycles: cycles.map((cycle) => {
        const own = objectives.filter((o) => o.cycle_id === cycle.id);
        return {
          cycle: {
            id: cycle.id,
            name: cycle.name,
            status: cycle.status as CycleStatus,
            startDate: cycle.start_date,
            endDate: cycle.end_date,
          },
          objectives: own.map((o) => ({
            id: o.id,
            title: o.title,
            level: o.level as ObjectiveLevel,
            status: o.status as ObjectiveStatus,
            progress: o.progress,
            health: o.health as Health | null,
            score: o.score,
          })),
          ...cycleFigures(own),
          checkInCount: counts.get(cycle.id) ?? 0,
        };
      }),
      checkIns: checkIns.map((c) => ({
        id: c.id,
        value: c.value,
        confidence: c.confidence,
        note: c.note,
        createdAt: c.created_at,
        keyResult: { id: c.key_result_id, title: c.key_result_title, unit: c.unit },
        objective: { id: c.objective_id, title: c.objective_title },
        cycleId: c.cycle_id,
      })),
    };
  });
}
