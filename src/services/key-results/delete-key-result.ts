import { recordAudit } from '../../repositories/audit.ts';
import { deleteKeyResultIfVersion } from '../../repositories/key-results.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { keyResultAuditState } from '../objectives/audit-states.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { progressRefreshTargets } from './key-result-rules.ts';
import { authorizedKeyResult, staleKeyResult } from './key-result-views.ts';

/**
 * Deletes a key result at the version the caller last saw (412 with the current view when it
 * moved on), with its check-ins; refreshes its objective's progress and the ancestors'.
 */
export async function deleteKeyResult(ctx: ServiceContext, id: string, expectedVersion: number): Promise<void> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  await inTransaction(ctx, async (trx) => {
    const { loaded } = await authorizedKeyResult(trx, actor, id, 'key_result.delete');
    if (loaded.row.version !== expectedVersion || !(await deleteKeyResultIfVersion(trx, orgId, id, expectedVersion))) {
      await staleKeyResult(trx, actor, id);
    }
    const row = loaded.row;
    await refreshProgress(trx, orgId, progressRefreshTargets(row), now);
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'key_result.deleted',
      objectType: 'key_result',
      objectId: id,
      before: { ...keyResultAuditState(row), createdAt: row.created_at },
      at: now,
    });
  });
}
