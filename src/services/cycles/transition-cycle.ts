/** Moving a cycle through its lifecycle: planning → active → grading → closed. */
import { AppError } from '../../contracts/app-error.ts';
import type { CycleView } from '../../contracts/api/cycles.ts';
import type { CycleStatus } from '../../contracts/model.ts';
import { canTransition, CYCLE_TRANSITIONS } from '../../domain/cycle.ts';
import { authorize, listScope } from '../../policy/policy.ts';
import { cycleSnapshot, presentCycle } from '../../presenters/cycles.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { emitWebhookEvent } from '../webhooks/emit.ts';
import { findCycle, updateCycle } from '../../repositories/cycles.ts';
import { cycleObjectives, replaceScoreRequests } from '../../repositories/cycle-work.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { checksFor, needsAcknowledgement } from './transition-checks.ts';
import { notFound, staleVersion } from '../service-errors.ts';

/**
 * Moves the cycle to `to` when the lifecycle allows it (409 naming the allowed statuses
 * otherwise). The step's checks (./transition-checks.ts) with warnings need `acknowledge`: 409
 * listing them otherwise. Entering grading asks each owner for the scores of their objectives
 * (score requests). Once closed, the policy refuses every write to the cycle's OKRs.
 */
export async function transitionCycle(
  ctx: ServiceContext,
  id: string,
  expected: number,
  to: CycleStatus,
  acknowledge = false,
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
    const checks = await checksFor(trx, actor, before, to);
    if (!acknowledge && needsAcknowledgement(checks)) {
      const warnings = checks.filter((check) => check.severity === 'warning' && check.count > 0);
      throw new AppError(
        'conflict',
        `Before moving "${before.name}" to ${to}, look at: ${warnings
          .map((check) => `${check.title.toLowerCase()} (${check.count})`)
          .join('; ')}. Send acknowledge: true to go ahead.`,
        warnings.map((check) => ({ path: `checks.${check.id}`, message: `${check.count}` })),
      );
    }
    if (!(await updateCycle(trx, actor.orgId, id, expected, { status: to }))) {
      const current = await findCycle(trx, actor.orgId, id);
      throw current ? staleVersion(presentCycle(actor, current)) : notFound('cycle');
    }
    const after = (await findCycle(trx, actor.orgId, id)) ?? before;
    let asked: number | undefined;
    if (to === 'grading') {
      // Every owner is asked for the scores of their objectives, private ones included.
      const objectives = await cycleObjectives(trx, listScope(actor), id);
      const rows = objectives.flatMap((o) =>
        o.owner_id === null
          ? []
          : [
              {
                org_id: actor.orgId,
                cycle_id: id,
                objective_id: o.id,
                owner_id: o.owner_id,
                requested_at: ctx.now.toISOString(),
              },
            ],
      );
      await replaceScoreRequests(trx, actor.orgId, id, rows);
      asked = rows.length;
      // Each owner is told once, about their own objectives only.
      const perOwner = new Map<string, number>();
      for (const row of rows) perOwner.set(row.owner_id, (perOwner.get(row.owner_id) ?? 0) + 1);
      for (const [ownerId, count] of perOwner) {
        await notify(trx, {
          orgId: actor.orgId,
          kind: 'reminder',
          actorId: actor.userId,
          recipients: [ownerId],
          title: `Score your objectives in ${after.name}`,
          body: `${after.name} is being graded: propose a score for your ${count} ${count === 1 ? 'objective' : 'objectives'}.`,
          link: '/score-requests',
          subject: { type: 'cycle', id },
          at: ctx.now,
        });
      }
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'cycle.transitioned',
      objectType: 'cycle',
      objectId: id,
      before: cycleSnapshot(before),
      after: {
        ...cycleSnapshot(after),
        ...(acknowledge ? { acknowledged: checks.map((c) => ({ id: c.id, count: c.count })) } : {}),
        ...(asked !== undefined ? { scoreRequests: asked } : {}),
      },
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
