import { v7 as uuidv7 } from 'uuid';
import type { ObjectiveDetailView } from '../../contracts/api/okrs.ts';
import type { ObjectiveDuplicateBody } from '../../contracts/api/restructuring.ts';
import type { KrDirection, KrKind } from '../../contracts/model.ts';
import { readable } from '../../presenters/objectives.ts';
import { authorize } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertKeyResults, keyResultsOf } from '../../repositories/key-results.ts';
import { loadObjective, loadObjectives } from '../../repositories/objective-facts.ts';
import {
  cycleOf,
  insertAlignments,
  insertObjective,
  parentEdges,
  tagsOf,
} from '../../repositories/objectives.ts';
import { keyResultRow, objectiveRow } from '../../repositories/rows.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { keyResultAuditState, objectiveAuditState } from '../objectives/audit-states.ts';
import { objectiveDetail, readableObjective } from '../objectives/objective-views.ts';
import {
  assertStaysReadable,
  badInput,
  checkParents,
  draftFacts,
  unique,
} from '../objectives/objective-rules.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { notFound } from '../service-errors.ts';

/**
 * Copies an objective the caller can read, with its key results, into its own cycle or another
 * one: same level, owner, team, visibility, readers, contributing teams, tags and key results
 * (definitions only: each copy starts from its start value, with no check-ins, which stay with the
 * original). The copy is judged as a new objective ('objective.create', and 'key_result.create'
 * when it has key results): 403 when the caller could not create it, 409 when the cycle takes no
 * new objectives. It aligns to `parentIds`, by default the original's parents when it stays in the
 * same cycle and none in another, checked like aligning anew. Audited as `objective.duplicated`
 * (naming the original) and one `key_result.created` per key result.
 */
export async function duplicateObjective(
  ctx: ServiceContext,
  id: string,
  body: ObjectiveDuplicateBody,
): Promise<ObjectiveDetailView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const source = await readableObjective(trx, actor, id);
    const cycle =
      body.cycleId === undefined ? source.cycle : await cycleOf(trx, orgId, body.cycleId);
    if (!cycle)
      throw badInput([{ path: 'body.cycleId', message: 'is not a cycle of this organisation' }]);
    const level = source.facts.level;
    const facts = await draftFacts(trx, orgId, {
      level,
      ownerId: source.row.owner_id,
      teamId: source.row.team_id,
      visibility: source.facts.visibility,
      readerIds: [...source.facts.readerIds],
      contributingTeamIds: [...source.facts.contributingTeamIds],
      cycle,
    });
    assertStaysReadable(actor, facts);
    authorize(actor, 'objective.create', { type: 'objective', objective: facts });
    const keyResults = await keyResultsOf(trx, orgId, [id]);
    if (keyResults.length > 0)
      authorize(actor, 'key_result.create', { type: 'objective', objective: facts });

    // By default the parents the caller can see: a private parent they cannot read is left out.
    const sourceParentIds = (await parentEdges(trx, orgId, [id])).map((e) => e.parentId);
    const sourceParents = await loadObjectives(trx, orgId, sourceParentIds);
    const visibleParent = (parentId: string) => {
      const parent = sourceParents.get(parentId);
      return parent !== undefined && readable(actor, parent);
    };
    const parentIds =
      body.parentIds ?? (cycle.id === source.cycle.id ? sourceParentIds.filter(visibleParent) : []);
    const copyId = uuidv7();
    await checkParents(trx, actor, { id: copyId, level, cycle, isNew: true }, parentIds, (i) =>
      body.parentIds ? `body.parentIds.${i}` : 'parents',
    );

    const at = now.toISOString();
    const tags = (await tagsOf(trx, orgId, [id])).get(id) ?? [];
    await insertObjective(
      trx,
      objectiveRow({
        id: copyId,
        orgId,
        cycleId: cycle.id,
        level,
        title: body.title ?? source.row.title,
        rationale: source.row.rationale,
        ownerId: source.row.owner_id,
        teamId: source.row.team_id,
        visibility: source.facts.visibility,
        includeChildren: source.row.include_children === 1,
        createdAt: at,
      }),
      {
        readerIds: [...source.facts.readerIds],
        contributingTeamIds: [...source.facts.contributingTeamIds],
        tags,
      },
    );
    await insertAlignments(trx, orgId, copyId, unique(parentIds), at);
    const copies = keyResults.map((kr) =>
      keyResultRow({
        id: uuidv7(),
        orgId,
        objectiveId: copyId,
        title: kr.title,
        kind: kr.kind as KrKind,
        direction: kr.direction as KrDirection,
        currency: kr.currency,
        start: kr.start_value,
        target: kr.target_value,
        unit: kr.unit,
        weight: kr.weight,
        ownerId: kr.owner_id,
        // It may count in a parent only if the copy aligns to that parent too.
        contributesToId:
          kr.contributes_to_id && parentIds.includes(kr.contributes_to_id)
            ? kr.contributes_to_id
            : null,
        position: kr.position,
        createdAt: at,
      }),
    );
    await insertKeyResults(trx, copies);
    await refreshProgress(trx, orgId, [copyId], now);

    const created = await loadObjective(trx, orgId, copyId);
    if (!created) throw notFound('objective');
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'objective.duplicated',
      objectType: 'objective',
      objectId: copyId,
      after: {
        ...objectiveAuditState(created.row, { ...created.facts, tags }),
        duplicatedFromId: id,
        parentIds: unique(parentIds),
        keyResultIds: copies.map((k) => k.id),
      },
      at: now,
    });
    const originals = new Map(copies.map((copy, i) => [copy.id, keyResults[i]?.id ?? null]));
    for (const kr of await keyResultsOf(trx, orgId, [copyId])) {
      await recordAudit(trx, {
        orgId,
        actorId: actor.userId,
        action: 'key_result.created',
        objectType: 'key_result',
        objectId: kr.id,
        after: { ...keyResultAuditState(kr), duplicatedFromId: originals.get(kr.id) ?? null },
        at: now,
      });
    }
    return objectiveDetail(trx, actor, created, now);
  });
}
