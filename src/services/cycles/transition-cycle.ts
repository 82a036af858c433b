/** Moving a cycle through its lifecycle: planning → active → grading → closed. */
import { AppError } from '../../contracts/app-error.ts';
import type { CycleView } from '../../contracts/api/cycles.ts';
import type { CycleStatus } from '../../contracts/model.ts';
import { canTransition, CYCLE_TRANSITIONS } from '../../domain/cycle.ts';
import { authorize } from '../../policy/policy.ts';
import { cycleSnapshot, presentCycle } from '../../presenters/cycles.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { emitWebhookEvent } from '../webhooks/emit.ts';
import { findCycle, updateCycle } from '../../repositories/cycles.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';

/**
 * Moves the cycle to `to` when the lifecycle allows it (409 naming the allowed statuses
 * otherwise). Once closed, the policy refuses every write to the cycle's OKRs.
 */
export async function transitionCycle(
  ctx: ServiceContext,
  id: string,
  expected: number,
  to: CycleStatus,
): Promise<CycleView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await findCycle(trx, actor.orgId, id);
    if (!before) throw notFound('cycle');
    authorize(actor, 'cycle.manage', { type: 'organisation' });
    if (before.version !== expected) throw staleVersion(presentCycle(actor, before));
    const from = before.status as CycleStatus;
    if (!canTransition(from, to)) {
      const allowed = CYCLE_TRANSITIONS[from];
      if (allowed.length === 0)
        throw new AppError(
          'cycle_closed',
          `Cycle "${before.name}" is closed; its status can no longer change.`,
        );
      throw new AppError(
        'conflict',
        `A ${from} cycle can move to ${allowed.join(' or ')}, not to ${to}.`,
        [{ path: 'body.to', message: `must be ${allowed.join(' or ')}` }],
      );
    }
    if (!(await updateCycle(trx, actor.orgId, id, expected, { status: to }))) {
      const current = await findCycle(trx, actor.orgId, id);
      throw current ? staleVersion(presentCycle(actor, current)) : notFound('cycle');
    }
    const after = (await findCycle(trx, actor.orgId, id)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'cycle.transitioned',
      objectType: 'cycle',
      objectId: id,
      before: cycleSnapshot(before),
      after: cycleSnapshot(after),
      at: ctx.now,
    });
    await emitWebhookEvent(trx, {
      orgId: actor.orgId,
      type: 'cycle.transitioned',
      at: ctx.now,
      data: {
        cycle: { id, name: after.name, startDate: after.start_date, endDate: after.end_date },
        from,
        to,
      },
    });
    return presentCycle(actor, after);
  });
}
