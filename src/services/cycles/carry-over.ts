/**
 * Carrying unfinished objectives into the next cycle (champions: `cycle.manage`). Each chosen
 * objective is copied into the target cycle with its key results, whose start is where the key
 * result stands now; a copy keeps its owner, team, visibility, readers, contributing teams and
 * tags, points back to its original (`carried_from_id`), and stays aligned to a parent that was
 * carried too. Audited as the creation of the copies.
 */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import type {
  CarryOverBody,
  CarryOverCandidatesView,
  CarryOverResultView,
} from '../../contracts/api/cycles.ts';
import type {
  CycleStatus,
  KrDirection,
  KrKind,
  ObjectiveLevel,
  Visibility,
} from '../../contracts/model.ts';
import { carriedParents, cycleAllows, isUnfinished } from '../../domain/cycle.ts';
import { authorize, listScope } from '../../policy/policy.ts';
import { presentCycle } from '../../presenters/cycles.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  carriedCopies,
  cycleObjectives,
  objectiveRelationsOf,
  setContribution,
  type CycleObjectiveRecord,
} from '../../repositories/cycle-work.ts';
import { findCycle } from '../../repositories/cycles.ts';
import { insertKeyResults, keyResultsOf } from '../../repositories/key-results.ts';
import { loadObjective } from '../../repositories/objective-facts.ts';
import {
  insertAlignments,
  insertObjective,
  parentEdges,
  peopleNames,
  teamNames,
} from '../../repositories/objectives.ts';
import { keyResultRow, objectiveRow } from '../../repositories/rows.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { keyResultAuditState, objectiveAuditState } from '../objectives/audit-states.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { badInput } from '../objectives/objective-rules.ts';
import { notFound } from '../service-errors.ts';

/** Proposed for carrying: not abandoned, and unfinished by its score or else its progress. */
export function proposedForCarrying(o: CycleObjectiveRecord): boolean {
  return o.status !== 'abandoned' && isUnfinished({ progress: o.progress, score: o.score });
}

export async function objectiveRefs(
  db: Db,
  orgId: string,
  objectives: readonly CycleObjectiveRecord[],
) {
  const [teams, people] = await Promise.all([
    teamNames(
      db,
      orgId,
      objectives.map((o) => o.team_id),
    ),
    peopleNames(
      db,
      orgId,
      objectives.map((o) => o.owner_id),
    ),
  ]);
  return (o: CycleObjectiveRecord) => ({
    id: o.id,
    title: o.title,
    level: o.level,
    team: o.team_id ? { id: o.team_id, name: teams.get(o.team_id) ?? '' } : null,
    owner: o.owner_id ? { id: o.owner_id, name: people.get(o.owner_id) ?? 'Former member' } : null,
    progress: o.progress,
    score: o.score,
  });
}

/** The cycle's objectives the caller may read, each with whether it is proposed for carrying. */
export async function carryOverCandidates(
  ctx: ServiceContext,
  cycleId: string,
): Promise<CarryOverCandidatesView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const cycle = await findCycle(db, actor.orgId, cycleId);
  if (!cycle) throw notFound('cycle');
  authorize(actor, 'cycle.manage', { type: 'organisation' });
  const all = await cycleObjectives(db, listScope(actor), cycleId);
  const readable = all.filter((o) => o.readable === 1);
  const [ref, copies] = await Promise.all([
    objectiveRefs(db, actor.orgId, readable),
    carriedCopies(
      db,
      actor.orgId,
      readable.map((o) => o.id),
    ),
  ]);
  return {
    cycle: presentCycle(actor, cycle),
    items: readable.map((o) => ({
      ...ref(o),
      unfinished: proposedForCarrying(o),
      carriedTo: copies
        .filter((c) => c.fromId === o.id)
        .map((c) => ({ id: c.id, cycleId: c.cycleId, cycleName: c.cycleName })),
    })),
    hidden: all.length - readable.length,
  };
}

function copyValues(kr: { kind: string; start_value: number; current_value: number }) {
  // A milestone is done or not: it starts again from where milestones start.
  return kr.kind === 'milestone'
    ? { start: kr.start_value, current: kr.current_value }
    : { start: kr.current_value, current: kr.current_value };
}

/**
 * Copies the chosen objectives (default: those proposed for carrying) of a cycle (usually one in
 * grading or closed) into a cycle in planning or active: 409 for a target in another state, 400
 * for the same cycle and for ids
 * that are not readable objectives of the cycle; objectives already carried into the target are
 * skipped and listed.
 */
export async function carryOver(
  ctx: ServiceContext,
  cycleId: string,
  body: CarryOverBody,
): Promise<CarryOverResultView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const source = await findCycle(trx, orgId, cycleId);
    if (!source) throw notFound('cycle');
    authorize(actor, 'cycle.manage', { type: 'organisation' });
    const target = await findCycle(trx, orgId, body.targetCycleId);
    if (!target)
      throw badInput([
        { path: 'body.targetCycleId', message: 'is not a cycle of this organisation' },
      ]);
    if (target.id === source.id)
      throw badInput([{ path: 'body.targetCycleId', message: 'must be another cycle' }]);
    if (!cycleAllows(target.status as CycleStatus, 'create_okrs'))
      throw new AppError(
        'conflict',
        `Objectives are carried into a cycle in planning or active; "${target.name}" is ${target.status}.`,
        [{ path: 'body.targetCycleId', message: `is ${target.status}` }],
      );

    const all = await cycleObjectives(trx, listScope(actor), cycleId);
    const readable = new Map(all.filter((o) => o.readable === 1).map((o) => [o.id, o]));
    let chosen: CycleObjectiveRecord[];
    if (body.objectiveIds === undefined) {
      chosen = [...readable.values()].filter(proposedForCarrying);
    } else {
      const ids = [...new Set(body.objectiveIds)];
      const problems = ids.flatMap((id, i) =>
        readable.has(id)
          ? []
          : [{ path: `body.objectiveIds.${i}`, message: 'is not an objective of this cycle' }],
      );
      if (problems.length > 0) throw badInput(problems);
      chosen = ids.flatMap((id) => readable.get(id) ?? []);
    }

    // Already carried into the target: skipped (a second click carries nothing twice).
    const existing = (await carriedCopies(trx, orgId, [...readable.keys()])).filter(
      (c) => c.cycleId === target.id,
    );
    const copies = new Map(existing.map((c) => [c.fromId, c.id]));
    const skipped = chosen
      .filter((o) => copies.has(o.id))
      .map((o) => ({ id: o.id, reason: `already carried into ${target.name}` }));
    const toCopy = chosen.filter((o) => !copies.has(o.id));
    for (const o of toCopy) copies.set(o.id, uuidv7());

    const ids = toCopy.map((o) => o.id);
    const [edges, relations, keyResults] = await Promise.all([
      parentEdges(trx, orgId, ids),
      objectiveRelationsOf(trx, orgId, ids),
      keyResultsOf(trx, orgId, ids),
    ]);
    const at = now.toISOString();
    const krCopies = new Map(keyResults.map((kr) => [kr.id, uuidv7()]));
    const ref = await objectiveRefs(trx, orgId, toCopy);
    const items: CarryOverResultView['items'] = [];
    // Objectives first, then alignments and key results, so parents and contributions exist.
    for (const original of toCopy) {
      const rel = relations.get(original.id) ?? {
        readerIds: [],
        contributingTeamIds: [],
        tags: [],
      };
      const row = objectiveRow({
        id: copies.get(original.id) ?? uuidv7(),
        orgId,
        cycleId: target.id,
        level: original.level as ObjectiveLevel,
        title: original.title,
        rationale: original.rationale,
        ownerId: original.owner_id,
        teamId: original.team_id,
        visibility: original.visibility as Visibility,
        carriedFromId: original.id,
        createdAt: at,
      });
      await insertObjective(trx, row, rel);
    }
    const contributions: { id: string; to: string }[] = [];
    for (const original of toCopy) {
      const id = copies.get(original.id) ?? '';
      const parentIds = carriedParents(
        edges.filter((e) => e.childId === original.id).map((e) => e.parentId),
        copies,
      );
      await insertAlignments(trx, orgId, id, parentIds, at);
      const krs = keyResults.filter((kr) => kr.objective_id === original.id);
      const rows = krs.map((kr) => {
        const copyId = krCopies.get(kr.id) ?? uuidv7();
        // Contributing to a key result carried along: to its copy; otherwise to nothing.
        const to = kr.contributes_to_id === null ? undefined : krCopies.get(kr.contributes_to_id);
        if (to !== undefined) contributions.push({ id: copyId, to });
        return keyResultRow({
          id: copyId,
          orgId,
          objectiveId: id,
          title: kr.title,
          kind: kr.kind as KrKind,
          direction: kr.direction as KrDirection,
          currency: kr.currency,
          ...copyValues(kr),
          target: kr.target_value,
          unit: kr.unit,
          weight: kr.weight,
          ownerId: kr.owner_id,
          position: kr.position,
          createdAt: at,
        });
      });
      await insertKeyResults(trx, rows);
      items.push({
        fromId: original.id,
        objective: { ...ref(original), id, progress: 0, score: null },
        keyResults: krs.length,
        parentIds,
      });
    }
    for (const c of contributions) await setContribution(trx, orgId, c.id, c.to);
    await refreshProgress(
      trx,
      orgId,
      items.map((item) => item.objective.id),
      now,
    );
    for (const item of items) {
      const created = await loadObjective(trx, orgId, item.objective.id);
      if (!created) throw notFound('objective');
      item.objective.progress = created.row.progress;
      const rel = relations.get(item.fromId) ?? {
        readerIds: [],
        contributingTeamIds: [],
        tags: [],
      };
      const krRows = await keyResultsOf(trx, orgId, [item.objective.id]);
      await recordAudit(trx, {
        orgId,
        actorId: actor.userId,
        action: 'objective.created',
        objectType: 'objective',
        objectId: item.objective.id,
        after: {
          ...objectiveAuditState(created.row, rel),
          parentIds: item.parentIds,
          keyResultIds: krRows.map((k) => k.id),
          carriedFromId: item.fromId,
          carriedFromCycleId: source.id,
        },
        at: now,
      });
      for (const kr of krRows) {
        await recordAudit(trx, {
          orgId,
          actorId: actor.userId,
          action: 'key_result.created',
          objectType: 'key_result',
          objectId: kr.id,
          after: keyResultAuditState(kr),
          at: now,
        });
      }
    }
    return { target: presentCycle(actor, target), items, skipped };
  });
}
