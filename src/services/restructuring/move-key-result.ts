import type { KeyResultView } from '../../contracts/api/okrs.ts';
import type { KeyResultMoveBody } from '../../contracts/api/restructuring.ts';
import { readable } from '../../presenters/objectives.ts';
import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { nextPosition, updateKeyResultIfVersion } from '../../repositories/key-results.ts';
import { loadKeyResult, loadObjective } from '../../repositories/objective-facts.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { ownerProblems, progressRefreshTargets } from '../key-results/key-result-rules.ts';
import {
  authorizedKeyResult,
  presentLoadedKeyResult,
  staleKeyResult,
} from '../key-results/key-result-views.ts';
import { keyResultAuditState } from '../objectives/audit-states.ts';
import { badInput } from '../objectives/objective-rules.ts';
import { refreshProgress } from '../progress-refresh.ts';

/**
 * Moves a key result to another objective of the same cycle, at the version the caller last saw
 * (412 with the current view when it moved on). It keeps its id, so its check-ins, initiatives,
 * comments and dependencies stay attached. The policy judges 'key_result.move' on the objective
 * it leaves and on the one it joins (404/409/403 for the first; 409/403 for the second, which
 * must also be an objective the caller can see: 400 otherwise). Its owner must suit the new
 * objective (a team objective's key results are owned by its team's members); it stops counting
 * in a parent of its old objective. The progress of both objectives and their ancestors is
 * recomputed, and the audit log records where it came from and where it went.
 */
export async function moveKeyResult(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  body: KeyResultMoveBody,
): Promise<KeyResultView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const { loaded: before } = await authorizedKeyResult(trx, actor, id, 'key_result.move');
    if (before.row.version !== expectedVersion) return staleKeyResult(trx, actor, id);
    const from = before.objective;
    if (body.objectiveId === from.row.id) {
      throw badInput([
        { path: 'body.objectiveId', message: 'is the objective the key result is already in' },
      ]);
    }
    const to = await loadObjective(trx, orgId, body.objectiveId);
    if (!to || !readable(actor, to))
      throw badInput([{ path: 'body.objectiveId', message: 'is not an objective you can see' }]);
    authorize(actor, 'key_result.move', {
      type: 'key_result',
      objective: to.facts,
      keyResult: before.facts,
    });
    const ownerIssues = before.row.owner_id
      ? await ownerProblems(trx, orgId, to.facts, [
          { ownerId: before.row.owner_id, path: 'body.objectiveId' },
        ])
      : [];
    const problems = [
      ...(to.cycle.id === from.cycle.id
        ? []
        : [
            {
              path: 'body.objectiveId',
              message: `is in another cycle (${to.cycle.name}); a key result moves within its cycle, where its check-ins belong`,
            },
          ]),
      ...ownerIssues.map((issue) => ({
        path: issue.path,
        message: "belongs to a team the key result's owner is not in; change the owner first",
      })),
    ];
    if (problems.length > 0) throw badInput(problems);

    const position = body.position ?? (await nextPosition(trx, orgId, to.row.id));
    const changed = await updateKeyResultIfVersion(trx, orgId, id, expectedVersion, {
      objective_id: to.row.id,
      contributes_to_id: null,
      position,
      updated_at: now.toISOString(),
    });
    if (!changed) return staleKeyResult(trx, actor, id);
    await refreshProgress(trx, orgId, [...progressRefreshTargets(before.row), to.row.id], now);
    const after = await loadKeyResult(trx, orgId, id);
    if (!after) return staleKeyResult(trx, actor, id);
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'key_result.moved',
      objectType: 'key_result',
      objectId: id,
      before: { ...keyResultAuditState(before.row), cycleId: from.cycle.id },
      after: {
        ...keyResultAuditState(after.row),
        cycleId: to.cycle.id,
        fromObjectiveId: from.row.id,
        toObjectiveId: to.row.id,
      },
      at: now,
    });
    return presentLoadedKeyResult(trx, actor, after);
  });
}
