/**
 * The dry run and the import of a sheet into a cycle. The import plans again inside its one
 * transaction and creates each planned objective with its key results through the objectives'
 * own create (policy, checks, audit, progress), then records the sheet's current values as
 * initial check-ins (source `import`) where they differ from the start. Everything or nothing:
 * any failure rolls the whole import back; rejected rows are only reported.
 */
import { v7 as uuidv7 } from 'uuid';
import type { ImportReport, ImportRunBody } from '../../contracts/api/imports.ts';
import { AppError } from '../../contracts/app-error.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertCheckIn } from '../../repositories/check-ins.ts';
import { applyLatestCheckIn, keyResultsOf } from '../../repositories/key-results.ts';
import { checkInRow } from '../../repositories/rows.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { createObjectiveIn } from '../objectives/create-objective.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { planImport, reportOf } from './plan.ts';

/** What importing would create and every row it would reject; changes nothing. */
export async function dryRunImport(
  ctx: ServiceContext,
  body: ImportRunBody,
): Promise<ImportReport> {
  return reportOf(await planImport(ctx.connection.db, ctx.actor, body), true);
}

/** Creates the accepted rows' objectives and key results; 400 when no row can be taken. */
export async function runImport(ctx: ServiceContext, body: ImportRunBody): Promise<ImportReport> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  const at = now.toISOString();
  return inTransaction(ctx, async (trx) => {
    const plan = await planImport(trx, actor, body);
    if (plan.objectives.length === 0) {
      throw new AppError(
        'bad_input',
        `None of the ${plan.rows} rows can be imported; nothing was created.`,
        plan.rejected.map((r) => ({
          path: `line ${r.line}`,
          message: r.reasons.map((reason) => reason.message).join('; '),
        })),
      );
    }
    for (const planned of plan.objectives) {
      const created = await createObjectiveIn(trx, ctx, planned.body);
      planned.view.id = created.row.id;
      const keyResults = await keyResultsOf(trx, orgId, [created.row.id]);
      for (const [position, kr] of planned.view.keyResults.entries()) {
        const row = keyResults.find((k) => k.position === position);
        if (!row)
          throw new Error(`import: key result ${position} of ${created.row.id} was not created`);
        kr.id = row.id;
        if (!kr.checkIn) continue;
        const checkIn = checkInRow({
          id: uuidv7(),
          orgId,
          keyResultId: row.id,
          value: kr.current,
          authorId: actor.userId,
          source: 'import',
          createdAt: at,
          note: 'Imported from a spreadsheet',
        });
        await insertCheckIn(trx, checkIn);
        await applyLatestCheckIn(trx, orgId, row.id, checkIn, null);
        await recordAudit(trx, {
          orgId,
          actorId: actor.userId,
          action: 'key_result.checked_in',
          objectType: 'key_result',
          objectId: row.id,
          before: { current: row.current_value, confidence: row.confidence },
          after: {
            checkInId: checkIn.id,
            value: checkIn.value,
            confidence: null,
            note: checkIn.note,
            current: checkIn.value,
          },
          at: now,
        });
      }
    }
    await refreshProgress(
      trx,
      orgId,
      plan.objectives.flatMap((o) => (o.view.id ? [o.view.id] : [])),
      now,
    );
    const report = reportOf(plan, false);
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'import.completed',
      objectType: 'cycle',
      objectId: plan.cycle.id,
      after: {
        counts: report.counts,
        objectiveIds: report.objectives.map((o) => o.id),
        rejectedLines: report.rejected.map((r) => r.line),
      },
      at: now,
    });
    return report;
  });
}
