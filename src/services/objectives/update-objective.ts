import { AppError } from '../../contracts/app-error.ts';
import type { ObjectiveDetailView, ObjectiveUpdateBody } from '../../contracts/api/okrs.ts';
import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { emitWebhookEvent, objectiveEventData } from '../webhooks/emit.ts';
import { loadObjective } from '../../repositories/objective-facts.ts';
import { replaceRelations, tagsOf, updateObjectiveIfVersion } from '../../repositories/objectives.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { findApproval } from '../../repositories/approvals.ts';
import { objectiveAuditState } from './audit-states.ts';
import { objectiveDetail, readableObjective, staleObjective } from './objective-views.ts';
import {
  assertStaysReadable,
  badInput,
  draftFacts,
  levelProblems,
  referenceProblems,
  unique,
  type ObjectiveDraft,
} from './objective-rules.ts';

/** What the champion's coaching ('wording' scope) may change. */
const WORDING_FIELDS: ReadonlySet<string> = new Set(['title', 'rationale']);

/**
 * Changes an objective at the version the caller last saw (412 with the current view when it
 * moved on). The policy judges the objective before the change and as it would be after it, so
 * nobody hands an objective to where they could not edit it; under the champion's wording scope
 * only the title and rationale may change (403). Refreshes progress when `includeChildren` changes.
 */
export async function updateObjective(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  body: ObjectiveUpdateBody,
): Promise<ObjectiveDetailView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const before = await readableObjective(trx, actor, id);
    const scope = authorize(actor, 'objective.update', { type: 'objective', objective: before.facts });
    if (scope === 'wording') {
      const other = Object.keys(body).filter((field) => !WORDING_FIELDS.has(field));
      if (other.length > 0) throw new AppError('forbidden', `You may change only the title and rationale of this objective, not ${other.join(', ')}.`);
    }
    if (body.status !== undefined && body.status !== before.row.status) {
      // A draft in approval becomes active through approval alone (./approval.ts).
      const approval = await findApproval(trx, orgId, id);
      if (approval && approval.state !== 'approved') {
        throw new AppError('conflict', 'This objective is waiting for approval: its lead approves it, or you submit it again after it was returned.');
      }
    }
    if (before.row.version !== expectedVersion) return staleObjective(trx, actor, id, now);

    const draft: ObjectiveDraft = {
      level: before.facts.level,
      ownerId: body.ownerId === undefined ? before.row.owner_id : body.ownerId,
      teamId: body.teamId === undefined ? before.row.team_id : body.teamId,
      visibility: body.visibility ?? before.facts.visibility,
      readerIds: body.readerIds ? unique(body.readerIds) : [...before.facts.readerIds],
      contributingTeamIds: body.contributingTeamIds ? unique(body.contributingTeamIds) : [...before.facts.contributingTeamIds],
      cycle: before.cycle,
    };
    const problems = [
      ...levelProblems(draft),
      ...(await referenceProblems(trx, orgId, {
        ...(body.ownerId !== undefined ? { ownerId: body.ownerId } : {}),
        ...(body.teamId !== undefined ? { teamId: body.teamId } : {}),
        ...(body.readerIds ? { readerIds: body.readerIds } : {}),
        ...(body.contributingTeamIds ? { contributingTeamIds: body.contributingTeamIds } : {}),
      })),
    ];
    if (problems.length > 0) throw badInput(problems);
    const after = await draftFacts(trx, orgId, draft);
    assertStaysReadable(actor, after);
    authorize(actor, 'objective.update', { type: 'objective', objective: after });

    const changed = await updateObjectiveIfVersion(trx, orgId, id, expectedVersion, {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.rationale !== undefined ? { rationale: body.rationale } : {}),
      ...(body.ownerId !== undefined ? { owner_id: body.ownerId } : {}),
      ...(body.teamId !== undefined ? { team_id: body.teamId } : {}),
      ...(body.visibility !== undefined ? { visibility: body.visibility } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.includeChildren !== undefined ? { include_children: body.includeChildren ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
    });
    if (!changed) return staleObjective(trx, actor, id, now);
    const tagsBefore = (await tagsOf(trx, orgId, [id])).get(id) ?? [];
    const tags = body.tags ? unique(body.tags) : undefined;
    await replaceRelations(trx, orgId, id, {
      ...(body.readerIds ? { readerIds: draft.readerIds } : {}),
      ...(body.contributingTeamIds ? { contributingTeamIds: draft.contributingTeamIds } : {}),
      ...(tags ? { tags } : {}),
    });
    if (body.includeChildren !== undefined && body.includeChildren !== (before.row.include_children === 1)) {
      await refreshProgress(trx, orgId, [id], now);
    }

    const updated = await loadObjective(trx, orgId, id);
    if (!updated) throw notFound('objective');
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'objective.updated',
      objectType: 'objective',
      objectId: id,
      before: objectiveAuditState(before.row, { ...before.facts, tags: tagsBefore }),
      after: objectiveAuditState(updated.row, { ...updated.facts, tags: tags ?? tagsBefore }),
      at: now,
    });
    if (updated.row.status !== before.row.status && (updated.row.status === 'completed' || updated.row.status === 'abandoned')) {
      await emitWebhookEvent(trx, { orgId, type: 'objective.closed', at: now, data: { objective: objectiveEventData(updated.row), from: before.row.status } }, updated.facts);
    }
    return objectiveDetail(trx, actor, updated, now);
  });
}
