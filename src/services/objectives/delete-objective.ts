import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { contributingKeyResultIds, keyResultsOf } from '../../repositories/key-results.ts';
import { childEdges, deleteObjectiveIfVersion, parentEdges, tagsOf } from '../../repositories/objectives.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { keyResultAuditState, objectiveAuditState } from './audit-states.ts';
import { readableObjective, staleObjective } from './objective-views.ts';

/**
 * Deletes an objective at the version the caller last saw (412 with the current view when it
 * moved on), with its key results, check-ins and alignments; objectives aligned to it stay,
 * unaligned. The objectives it was aligned to are refreshed, as it no longer counts in them.
 */
export async function deleteObjective(ctx: ServiceContext, id: string, expectedVersion: number): Promise<void> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  await inTransaction(ctx, async (trx) => {
    const before = await readableObjective(trx, actor, id);
    authorize(actor, 'objective.delete', { type: 'objective', objective: before.facts });
    if (before.row.version !== expectedVersion) await staleObjective(trx, actor, id, now);
    // What the deletion takes with it, so that time travel can bring it back (domain/time-travel.ts).
    const [parents, tags, children, keyResults, contributing] = await Promise.all([
      parentEdges(trx, orgId, [id]),
      tagsOf(trx, orgId, [id]),
      childEdges(trx, orgId, [id]),
      keyResultsOf(trx, orgId, [id]),
      contributingKeyResultIds(trx, orgId, id),
    ]);
    if (!(await deleteObjectiveIfVersion(trx, orgId, id, expectedVersion))) await staleObjective(trx, actor, id, now);
    await refreshProgress(
      trx,
      orgId,
      parents.map((p) => p.parentId),
      now,
    );
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'objective.deleted',
      objectType: 'objective',
      objectId: id,
      before: {
        ...objectiveAuditState(before.row, { ...before.facts, tags: tags.get(id) ?? [] }),
        parentIds: parents.map((p) => p.parentId),
        createdAt: before.row.created_at,
        keyResults: keyResults.map((k) => ({ id: k.id, createdAt: k.created_at, ...keyResultAuditState(k) })),
        childIds: children.map((c) => c.childId),
        contributingKeyResultIds: contributing,
      },
      at: now,
    });
  });
}
