import { v7 as uuidv7 } from 'uuid';
import type { FieldError } from '../../contracts/app-error.ts';
import type { ObjectiveCreateBody, ObjectiveDetailView } from '../../contracts/api/okrs.ts';
import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { emitWebhookEvent, objectiveEventData } from '../webhooks/emit.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { loadObjective, type LoadedObjective } from '../../repositories/objective-facts.ts';
import { insertKeyResults, keyResultsOf } from '../../repositories/key-results.ts';
import { cycleOf, insertAlignments, insertObjective } from '../../repositories/objectives.ts';
import { objectiveRow } from '../../repositories/rows.ts';
import { contributionProblems, createValues, newKeyResultRow, ownerProblems, valueProblems } from '../key-results/key-result-rules.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { startApproval, startsInApproval } from './approval.ts';
import { keyResultAuditState, objectiveAuditState } from './audit-states.ts';
import { objectiveDetail } from './objective-views.ts';
import {
  assertStaysReadable,
  badInput,
  checkParents,
  draftFacts,
  levelProblems,
  referenceProblems,
  unique,
  type ObjectiveDraft,
} from './objective-rules.ts';

/**
 * Creates an objective, its alignment and optionally its first key results, in one transaction.
 * The owner defaults to the actor. The policy judges the objective as drafted ('objective.create',
 * and 'key_result.create' when key results come with it); the people and teams named must be of
 * the organisation (400), the parents readable, of allowed levels and enclosing cycles (400),
 * in cycles open for edits (409). Progress of the new objective and its ancestors is refreshed.
 * With the organisation's approval setting on, a member's own individual objective is created as
 * a draft waiting for a lead's approval (./approval.ts).
 */
export async function createObjective(ctx: ServiceContext, body: ObjectiveCreateBody): Promise<ObjectiveDetailView> {
  return inTransaction(ctx, async (trx) => {
    const created = await createObjectiveIn(trx, ctx, body);
    return objectiveDetail(trx, ctx.actor, created, ctx.now);
  });
}

/**
 * The work of `createObjective` inside the caller's transaction (a spreadsheet import creates
 * many objectives in one): checks, authorizes, writes, refreshes progress and audits.
 */
export async function createObjectiveIn(trx: Transaction<Database>, ctx: Pick<ServiceContext, 'actor' | 'now'>, body: ObjectiveCreateBody): Promise<LoadedObjective> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  const cycle = await cycleOf(trx, orgId, body.cycleId);
  if (!cycle) throw badInput([{ path: 'body.cycleId', message: 'is not a cycle of this organisation' }]);
  const draft: ObjectiveDraft = {
    level: body.level,
    ownerId: body.ownerId === undefined ? actor.userId : body.ownerId,
    teamId: body.teamId ?? null,
    visibility: body.visibility ?? 'public',
    readerIds: unique(body.readerIds ?? []),
    contributingTeamIds: unique(body.contributingTeamIds ?? []),
    cycle,
  };
  const draftIssues = [...levelProblems(draft), ...(await referenceProblems(trx, orgId, draft))];
  if (draftIssues.length > 0) throw badInput(draftIssues);
  const facts = await draftFacts(trx, orgId, draft);
  assertStaysReadable(actor, facts);
  authorize(actor, 'objective.create', { type: 'objective', objective: facts });
  const keyResults = body.keyResults ?? [];
  if (keyResults.length > 0) authorize(actor, 'key_result.create', { type: 'objective', objective: facts });

  const parentIds = body.parentIds ?? [];
  const problems: FieldError[] = [
    ...keyResults.flatMap((kr, i) => [
      ...valueProblems(createValues(kr), `body.keyResults.${i}`),
      ...contributionProblems(kr.contributesToId ?? null, parentIds, `body.keyResults.${i}.contributesToId`),
    ]),
    ...(await ownerProblems(
      trx,
      orgId,
      draft,
      keyResults.flatMap((kr, i) => (kr.ownerId ? [{ ownerId: kr.ownerId, path: `body.keyResults.${i}.ownerId` }] : [])),
    )),
  ];
  if (problems.length > 0) throw badInput(problems);

  const id = uuidv7();
  await checkParents(trx, actor, { id, level: draft.level, cycle, isNew: true }, parentIds, (i) => `body.parentIds.${i}`);

  const at = now.toISOString();
  const tags = unique(body.tags ?? []);
  // With approval on, a member's own objective starts as a draft waiting for their lead.
  const inApproval = await startsInApproval(trx, actor, draft);
  const row = objectiveRow({
    id,
    orgId,
    cycleId: cycle.id,
    level: draft.level,
    title: body.title,
    rationale: body.rationale ?? null,
    ownerId: draft.ownerId,
    teamId: draft.teamId,
    visibility: draft.visibility,
    includeChildren: body.includeChildren ?? false,
    createdAt: at,
    ...(inApproval ? { status: 'draft' as const } : {}),
  });
  await insertObjective(trx, row, { readerIds: draft.readerIds, contributingTeamIds: draft.contributingTeamIds, tags });
  if (inApproval) await startApproval(trx, orgId, id, at, actor.userId);
  await insertAlignments(trx, orgId, id, parentIds, at);
  const krRows = keyResults.map((kr, i) => newKeyResultRow(orgId, id, kr, kr.position ?? i, at));
  await insertKeyResults(trx, krRows);
  await refreshProgress(trx, orgId, [id], now);

  const created = await loadObjective(trx, orgId, id);
  if (!created) throw notFound('objective');
  await recordAudit(trx, {
    orgId,
    actorId: actor.userId,
    action: 'objective.created',
    objectType: 'objective',
    objectId: id,
    after: {
      ...objectiveAuditState(created.row, { ...created.facts, tags }),
      parentIds,
      keyResultIds: krRows.map((k) => k.id),
      ...(inApproval ? { approval: 'pending' } : {}),
    },
    at: now,
  });
  for (const kr of await keyResultsOf(trx, orgId, [id])) {
    await recordAudit(trx, { orgId, actorId: actor.userId, action: 'key_result.created', objectType: 'key_result', objectId: kr.id, after: keyResultAuditState(kr), at: now });
  }
  await emitWebhookEvent(trx, { orgId, type: 'objective.created', at: now, data: { objective: objectiveEventData(created.row), keyResultIds: krRows.map((k) => k.id) } }, created.facts);
  return created;
}
