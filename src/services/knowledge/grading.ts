/**
 * Grading at the end of a cycle: the owner proposes a score with a reason (prefilled from the key
 * results), a lead or an executive confirms it; the confirmed score is stored on the objective.
 * Both happen only while the cycle is in `grading` (src/policy/rules.ts `CYCLE_STATES`).
 */
import { AppError } from '../../contracts/app-error.ts';
import type { GradeView } from '../../contracts/api/knowledge.ts';
import type { CycleStatus, KrDirection, KrKind } from '../../contracts/model.ts';
import { suggestedScore } from '../../domain/grading.ts';
import { authorize, listScope, type Actor } from '../../policy/policy.ts';
import { gradeSnapshot, presentGrade } from '../../presenters/knowledge.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findCycle } from '../../repositories/cycles.ts';
import {
  cycleObjectivesForGrading,
  findGrade,
  gradesOf,
  gradingObjective,
  insertGrade,
  keyResultsForScoring,
  setObjectiveScore,
  updateGrade,
  type GradeRecord,
} from '../../repositories/knowledge.ts';
import { loadObjectives, type LoadedObjective } from '../../repositories/objective-facts.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';
import { readableObjective } from './notes.ts';

/** Suggested scores of these objectives, from their key results. */
export async function suggestedScores(
  db: Db,
  orgId: string,
  objectiveIds: string[],
): Promise<Map<string, number>> {
  const rows = await keyResultsForScoring(db, orgId, objectiveIds);
  const byObjective = new Map<string, Parameters<typeof suggestedScore>[0][number][]>();
  for (const row of rows) {
    const list = byObjective.get(row.objective_id) ?? [];
    list.push({
      kind: row.kind as KrKind,
      direction: row.direction as KrDirection,
      start: row.start_value,
      target: row.target_value,
      current: row.current_value,
      weight: row.weight,
    });
    byObjective.set(row.objective_id, list);
  }
  return new Map(objectiveIds.map((id) => [id, suggestedScore(byObjective.get(id) ?? [])]));
}

const cycleOf = (objective: LoadedObjective) => ({
  id: objective.cycle.id,
  name: objective.cycle.name,
  status: objective.cycle.status,
});

async function gradeView(
  db: Db,
  actor: Actor,
  objective: LoadedObjective,
  grade: GradeRecord | undefined,
): Promise<GradeView> {
  const record = await gradingObjective(db, actor.orgId, objective.row.id);
  if (!record) throw notFound('objective');
  const suggested =
    (await suggestedScores(db, actor.orgId, [objective.row.id])).get(objective.row.id) ?? 0;
  return presentGrade(actor, objective.facts, record, cycleOf(objective), grade, suggested);
}

/** An objective's grade (version 0 and no proposal until someone proposes a score). */
export async function getGrade(ctx: ServiceContext, objectiveId: string): Promise<GradeView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const objective = await readableObjective(db, actor, objectiveId);
  return gradeView(db, actor, objective, await findGrade(db, actor.orgId, objectiveId));
}

/** The grades of a cycle's objectives the caller may read, optionally of one team. */
export async function cycleGrades(
  ctx: ServiceContext,
  cycleId: string,
  teamId: string | undefined,
): Promise<{ items: GradeView[] }> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const cycle = await findCycle(db, actor.orgId, cycleId);
  if (!cycle) throw notFound('cycle');
  const records = await cycleObjectivesForGrading(db, listScope(actor), cycleId, teamId);
  const ids = records.map((r) => r.id);
  const [objectives, grades, suggested] = await Promise.all([
    loadObjectives(db, actor.orgId, ids),
    gradesOf(db, actor.orgId, ids),
    suggestedScores(db, actor.orgId, ids),
  ]);
  const summary = { id: cycle.id, name: cycle.name, status: cycle.status as CycleStatus };
  const items: GradeView[] = [];
  for (const record of records) {
    const objective = objectives.get(record.id);
    if (!objective) continue;
    items.push(
      presentGrade(
        actor,
        objective.facts,
        record,
        summary,
        grades.get(record.id),
        suggested.get(record.id) ?? 0,
      ),
    );
  }
  return { items };
}

/** 412 with the current grade when `expected` is not its version (0: no grade yet). */
async function checkVersion(
  db: Db,
  actor: Actor,
  objective: LoadedObjective,
  grade: GradeRecord | undefined,
  expected: number,
) {
  if ((grade?.version ?? 0) !== expected)
    throw staleVersion(await gradeView(db, actor, objective, grade));
}

/** The owner proposes a score with a reason (`grade.propose`), until it is confirmed. */
export async function proposeScore(
  ctx: ServiceContext,
  objectiveId: string,
  expected: number,
  body: { score: number; reason: string },
): Promise<GradeView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const objective = await readableObjective(trx, actor, objectiveId);
    authorize(actor, 'grade.propose', { type: 'objective', objective: objective.facts });
    const before = await findGrade(trx, actor.orgId, objectiveId);
    await checkVersion(trx, actor, objective, before, expected);
    if (before?.confirmed_score != null) {
      throw new AppError(
        'conflict',
        'This score is confirmed already; a lead or an executive may still change it.',
      );
    }
    const change = {
      proposed_score: body.score,
      proposed_reason: body.reason.trim(),
      proposed_by: actor.userId,
      proposed_at: ctx.now.toISOString(),
    };
    if (before) {
      if (!(await updateGrade(trx, actor.orgId, objectiveId, expected, change))) {
        await checkVersion(
          trx,
          actor,
          objective,
          await findGrade(trx, actor.orgId, objectiveId),
          -1,
        );
      }
    } else {
      await insertGrade(trx, { objective_id: objectiveId, org_id: actor.orgId, ...change });
    }
    const after = await findGrade(trx, actor.orgId, objectiveId);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'grade.proposed',
      objectType: 'objective_grade',
      objectId: objectiveId,
      before: gradeSnapshot(before),
      after: gradeSnapshot(after),
      at: ctx.now,
    });
    return gradeView(trx, actor, objective, after);
  });
}

/** A lead or an executive confirms the score (`grade.confirm`), as proposed or changed. */
export async function confirmScore(
  ctx: ServiceContext,
  objectiveId: string,
  expected: number,
  body: { score: number; note?: string | null | undefined },
): Promise<GradeView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const objective = await readableObjective(trx, actor, objectiveId);
    authorize(actor, 'grade.confirm', { type: 'objective', objective: objective.facts });
    const before = await findGrade(trx, actor.orgId, objectiveId);
    await checkVersion(trx, actor, objective, before, expected);
    if (!before)
      throw new AppError(
        'conflict',
        'No score has been proposed yet; the owner proposes one first.',
      );
    const note = body.note?.trim() || null;
    const changed = await updateGrade(trx, actor.orgId, objectiveId, expected, {
      confirmed_score: body.score,
      confirmed_note: note,
      confirmed_by: actor.userId,
      confirmed_at: ctx.now.toISOString(),
    });
    if (!changed)
      await checkVersion(trx, actor, objective, await findGrade(trx, actor.orgId, objectiveId), -1);
    await setObjectiveScore(trx, actor.orgId, objectiveId, body.score);
    const after = await findGrade(trx, actor.orgId, objectiveId);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'grade.confirmed',
      objectType: 'objective_grade',
      objectId: objectiveId,
      before: gradeSnapshot(before),
      after: gradeSnapshot(after),
      at: ctx.now,
    });
    return gradeView(trx, actor, objective, after);
  });
}
