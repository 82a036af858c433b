import { AppError } from '../../contracts/app-error.ts';
import type { KeyResultUpdateBody, KeyResultView } from '../../contracts/api/okrs.ts';
import type { KrDirection, KrKind } from '../../contracts/model.ts';
import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { updateKeyResultIfVersion } from '../../repositories/key-results.ts';
import { linkableKpi } from '../../repositories/kpis.ts';
import { loadKeyResult } from '../../repositories/objective-facts.ts';
import { parentEdges, teamsOfPeople } from '../../repositories/objectives.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { keyResultAuditState } from '../objectives/audit-states.ts';
import { badInput } from '../objectives/objective-rules.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { contributionProblems, ownerProblems, progressRefreshTargets, valueProblems, type KeyResultValues } from './key-result-rules.ts';
import { authorizedKeyResult, presentLoadedKeyResult, staleKeyResult } from './key-result-views.ts';

/**
 * Changes a key result at the version the caller last saw (412 with the current view when it
 * moved on; nothing is merged). Setting the target of a baseline-first key result is such a
 * change. The current value changes only through check-ins. Under the champion's wording scope
 * only the title may change (403). A new owner is judged as for creating, and the policy must let
 * the actor edit the key result with its new owner too. Refreshes progress up the alignment.
 */
export async function updateKeyResult(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  body: KeyResultUpdateBody,
): Promise<KeyResultView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const { loaded: before, scope } = await authorizedKeyResult(trx, actor, id, 'key_result.update');
    if (scope === 'wording') {
      const other = Object.keys(body).filter((field) => field !== 'title');
      if (other.length > 0) throw new AppError('forbidden', `You may change only the title of this key result, not ${other.join(', ')}.`);
    }
    if (before.row.version !== expectedVersion) return staleKeyResult(trx, actor, id);
    const row = before.row;
    const values: KeyResultValues = {
      kind: body.kind ?? (row.kind as KrKind),
      direction: body.direction ?? (row.direction as KrDirection),
      currency: body.currency === undefined ? row.currency : body.currency,
      start: body.start ?? row.start_value,
      target: body.target === undefined ? row.target_value : body.target,
      current: row.current_value,
    };
    const objective = before.objective;
    const parentIds = body.contributesToId ? (await parentEdges(trx, orgId, [objective.row.id])).map((e) => e.parentId) : [];
    const problems = [
      ...valueProblems(values, 'body'),
      ...(body.ownerId ? await ownerProblems(trx, orgId, objective.facts, [{ ownerId: body.ownerId, path: 'body.ownerId' }]) : []),
      ...(body.contributesToId ? contributionProblems(body.contributesToId, parentIds, 'body.contributesToId') : []),
    ];
    if (body.kpiId && !(await linkableKpi(trx, orgId, body.kpiId))) {
      problems.push({ path: 'body.kpiId', message: 'is not a current KPI of the organisation' });
    }
    if (problems.length > 0) throw badInput(problems);
    if (body.ownerId !== undefined && body.ownerId !== row.owner_id) {
      const ownerTeams = await teamsOfPeople(trx, orgId, [body.ownerId]);
      authorize(actor, 'key_result.update', {
        type: 'key_result',
        objective: objective.facts,
        keyResult: { ownerId: body.ownerId, ownerTeamIds: (body.ownerId && ownerTeams.get(body.ownerId)) || [] },
      });
    }

    const changed = await updateKeyResultIfVersion(trx, orgId, id, expectedVersion, {
      ...(body.title !== undefined ? { title: body.title } : {}),
      kind: values.kind,
      direction: values.direction,
      currency: values.currency,
      start_value: values.start,
      target_value: values.target,
      ...(body.unit !== undefined ? { unit: body.unit } : {}),
      ...(body.weight !== undefined ? { weight: body.weight } : {}),
      ...(body.ownerId !== undefined ? { owner_id: body.ownerId } : {}),
      ...(body.contributesToId !== undefined ? { contributes_to_id: body.contributesToId } : {}),
      ...(body.position !== undefined ? { position: body.position } : {}),
      ...(body.kpiId !== undefined ? { kpi_id: body.kpiId } : {}),
      updated_at: now.toISOString(),
    });
    if (!changed) return staleKeyResult(trx, actor, id);
    await refreshProgress(trx, orgId, progressRefreshTargets(row), now);
    const after = await loadKeyResult(trx, orgId, id);
    if (!after) return staleKeyResult(trx, actor, id);
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'key_result.updated',
      objectType: 'key_result',
      objectId: id,
      before: keyResultAuditState(row),
      after: keyResultAuditState(after.row),
      at: now,
    });
    return presentLoadedKeyResult(trx, actor, after);
  });
}
