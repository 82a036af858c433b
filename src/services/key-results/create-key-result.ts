import type { KeyResultCreateBody, KeyResultView } from '../../contracts/api/okrs.ts';
import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertKeyResults, nextPosition } from '../../repositories/key-results.ts';
import { loadKeyResult } from '../../repositories/objective-facts.ts';
import { parentEdges } from '../../repositories/objectives.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';
import { keyResultAuditState } from '../objectives/audit-states.ts';
import { badInput } from '../objectives/objective-rules.ts';
import { readableObjective } from '../objectives/objective-views.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { contributionProblems, createValues, newKeyResultRow, ownerProblems, valueProblems } from './key-result-rules.ts';
import { presentLoadedKeyResult } from './key-result-views.ts';

/**
 * Adds a key result to an objective ('key_result.create'). Values must fit the kind (currency
 * code for currency, 0 → 1 for milestones); the owner must be a member, and of the objective's
 * team for a team objective; it may count in one of the objective's parents. Appends it after the
 * last key result unless a position is given, and refreshes progress up the alignment.
 */
export async function createKeyResult(ctx: ServiceContext, objectiveId: string, body: KeyResultCreateBody): Promise<KeyResultView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const objective = await readableObjective(trx, actor, objectiveId);
    authorize(actor, 'key_result.create', { type: 'objective', objective: objective.facts });
    const parentIds = (await parentEdges(trx, orgId, [objectiveId])).map((e) => e.parentId);
    const problems = [
      ...valueProblems(createValues(body), 'body'),
      ...(await ownerProblems(trx, orgId, objective.facts, body.ownerId ? [{ ownerId: body.ownerId, path: 'body.ownerId' }] : [])),
      ...contributionProblems(body.contributesToId ?? null, parentIds, 'body.contributesToId'),
    ];
    if (problems.length > 0) throw badInput(problems);
    const position = body.position ?? (await nextPosition(trx, orgId, objectiveId));
    const row = newKeyResultRow(orgId, objectiveId, body, position, now.toISOString());
    await insertKeyResults(trx, [row]);
    await refreshProgress(trx, orgId, [objectiveId], now);
    const created = await loadKeyResult(trx, orgId, row.id);
    if (!created) throw notFound('key result');
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'key_result.created',
      objectType: 'key_result',
      objectId: row.id,
      after: keyResultAuditState(created.row),
      at: now,
    });
    return presentLoadedKeyResult(trx, actor, created);
  });
}
