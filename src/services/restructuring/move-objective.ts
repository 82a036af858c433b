import { AppError, type FieldError } from '../../contracts/app-error.ts';
import type { ObjectiveDetailView } from '../../contracts/api/okrs.ts';
import type { ObjectiveMoveBody } from '../../contracts/api/restructuring.ts';
import { alignmentsBrokenByMove } from '../../domain/restructuring.ts';
import { readable } from '../../presenters/objectives.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { detachContributions } from '../../repositories/key-results.ts';
import {
  loadObjective,
  loadObjectives,
  type CycleInfo,
} from '../../repositories/objective-facts.ts';
import {
  childEdges,
  cycleOf,
  deleteAlignment,
  insertAlignments,
  parentEdges,
  tagsOf,
  updateObjectiveIfVersion,
} from '../../repositories/objectives.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import {
  objectiveDetail,
  readableObjective,
  staleObjective,
} from '../objectives/objective-views.ts';
import {
  badInput,
  checkParents,
  draftFacts,
  referenceProblems,
  unique,
} from '../objectives/objective-rules.ts';
import { objectiveAuditState } from '../objectives/audit-states.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { notFound } from '../service-errors.ts';

const span = (cycle: CycleInfo) => ({ startDate: cycle.start_date, endDate: cycle.end_date });

/** Alignments the move would break and the caller did not replace: 409 naming each. */
async function assertAlignmentsSurvive(
  db: Db,
  actor: Actor,
  id: string,
  cycle: CycleInfo,
  keptParentIds: string[],
): Promise<void> {
  const childIds = (await childEdges(db, actor.orgId, [id])).map((e) => e.childId);
  const related = await loadObjectives(db, actor.orgId, unique([...keptParentIds, ...childIds]));
  const nodes = (ids: string[]) =>
    ids.flatMap((x) => {
      const found = related.get(x);
      return found ? [{ id: x, cycle: span(found.cycle) }] : [];
    });
  const broken = alignmentsBrokenByMove(span(cycle), nodes(keptParentIds), nodes(childIds));
  if (broken.length === 0) return;
  // Named by title and cycle; one the caller may not read only as "a private objective".
  const errors: FieldError[] = broken.map((b) => {
    const other = related.get(b.id);
    const name = other && readable(actor, other) ? `"${other.row.title}"` : 'a private objective';
    const where = other ? ` (${other.cycle.name})` : '';
    return b.side === 'parent'
      ? {
          path: 'body.parentIds',
          message: `its parent ${name}${where} does not enclose ${cycle.name}; align it to another parent or to none`,
        }
      : {
          path: 'children',
          message: `${name}${where}, aligned to it, would fall outside ${cycle.name}; move or unalign it first`,
        };
  });
  throw new AppError(
    'conflict',
    `Moving it to ${cycle.name} would break its alignment: ${errors.map((e) => e.message).join('; ')}.`,
    errors,
  );
}

/**
 * Moves an objective to another cycle and/or team at the version the caller last saw (412 with
 * the current view when it moved on). It keeps its id, so its key results, their check-ins and
 * its comments stay attached. The policy judges 'objective.move' where the objective is and where
 * it goes (a closed cycle on either side: 409). Only team objectives belong to a team (400).
 * `parentIds` replaces its alignment, checked like aligning anew; without it the parents stay, and
 * a move that would leave a parent's cycle not enclosing the objective's, or an aligned child
 * outside it, is a 409 `conflict` naming them. Progress is recomputed for the objective and its
 * old and new parents; the audit log records the cycle, team and parents before and after.
 */
export async function moveObjective(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  body: ObjectiveMoveBody,
): Promise<ObjectiveDetailView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const before = await readableObjective(trx, actor, id);
    authorize(actor, 'objective.move', { type: 'objective', objective: before.facts });
    if (before.row.version !== expectedVersion) return staleObjective(trx, actor, id, now);

    const cycle =
      body.cycleId === undefined ? before.cycle : await cycleOf(trx, orgId, body.cycleId);
    const problems: FieldError[] = [];
    if (!cycle)
      problems.push({ path: 'body.cycleId', message: 'is not a cycle of this organisation' });
    if (body.teamId !== undefined && before.facts.level !== 'team') {
      problems.push({
        path: 'body.teamId',
        message: `is only for team objectives; this is a ${before.facts.level} objective`,
      });
    }
    if (body.teamId !== undefined)
      problems.push(...(await referenceProblems(trx, orgId, { teamId: body.teamId })));
    if (problems.length > 0 || !cycle) throw badInput(problems);
    const teamId = body.teamId ?? before.row.team_id;
    if (
      cycle.id === before.cycle.id &&
      teamId === before.row.team_id &&
      body.parentIds === undefined
    ) {
      throw badInput([
        { path: 'body', message: 'moves nowhere: the objective is already in that cycle and team' },
      ]);
    }

    const after = await draftFacts(trx, orgId, {
      level: before.facts.level,
      ownerId: before.row.owner_id,
      teamId,
      visibility: before.facts.visibility,
      readerIds: [...before.facts.readerIds],
      contributingTeamIds: [...before.facts.contributingTeamIds],
      cycle,
    });
    authorize(actor, 'objective.move', { type: 'objective', objective: after });

    const oldParentIds = (await parentEdges(trx, orgId, [id])).map((e) => e.parentId);
    const newParentIds = body.parentIds ? unique(body.parentIds) : oldParentIds;
    if (body.parentIds) {
      await checkParents(
        trx,
        actor,
        { id, level: before.facts.level, cycle, isNew: false },
        body.parentIds,
        (i) => `body.parentIds.${i}`,
      );
      await assertAlignmentsSurvive(trx, actor, id, cycle, []);
    } else {
      await assertAlignmentsSurvive(trx, actor, id, cycle, oldParentIds);
    }

    const at = now.toISOString();
    const changed = await updateObjectiveIfVersion(trx, orgId, id, expectedVersion, {
      cycle_id: cycle.id,
      team_id: teamId,
      updated_at: at,
    });
    if (!changed) return staleObjective(trx, actor, id, now);
    const detached: Record<string, string[]> = {};
    for (const parentId of oldParentIds.filter((p) => !newParentIds.includes(p))) {
      await deleteAlignment(trx, orgId, id, parentId);
      detached[parentId] = await detachContributions(trx, orgId, id, parentId, at);
    }
    await insertAlignments(
      trx,
      orgId,
      id,
      newParentIds.filter((p) => !oldParentIds.includes(p)),
      at,
    );
    await refreshProgress(trx, orgId, unique([id, ...oldParentIds, ...newParentIds]), now);

    const moved = await loadObjective(trx, orgId, id);
    if (!moved) throw notFound('objective');
    const tags = (await tagsOf(trx, orgId, [id])).get(id) ?? [];
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'objective.moved',
      objectType: 'objective',
      objectId: id,
      // The whole objective before and after (as an edit records it), its parents, and which of
      // its key results stopped counting in a parent it left: time travel replays all of it.
      before: {
        ...objectiveAuditState(before.row, { ...before.facts, tags }),
        parentIds: oldParentIds,
      },
      after: {
        ...objectiveAuditState(moved.row, { ...moved.facts, tags }),
        parentIds: newParentIds,
        detachedKeyResultIds: detached,
      },
      at: now,
    });
    return objectiveDetail(trx, actor, moved, now);
  });
}
