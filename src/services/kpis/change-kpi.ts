/**
 * Creating, changing, deleting KPIs and recording their values. Executives and champions create
 * KPIs and manage any of them, an owner manages theirs (`kpi.create`, `kpi.manage`); the owner and
 * executives record values (`kpi.record`).
 */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import type {
  CreateKpiBody,
  KpiDirection,
  KpiValueView,
  KpiView,
  RecordKpiValueBody,
  UpdateKpiBody,
} from '../../contracts/api/kpis.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { thresholdsProblem } from '../../domain/kpi-status.ts';
import { authorize } from '../../policy/policy.ts';
import { kpiSnapshot, presentKpiValue } from '../../presenters/kpis.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteKpiIfVersion,
  findKpi,
  findKpiValue,
  insertKpi,
  insertKpiValue,
  kpiNameTaken,
  updateKpiIfVersion,
  type KpiRecord,
} from '../../repositories/kpis.ts';
import { isMember } from '../../repositories/people.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { badField, notFound, staleVersion } from '../service-errors.ts';
import { loadKpi, presentKpis } from './read-kpis.ts';

function duplicateName(name: string): AppError {
  return new AppError('duplicate', `There is already a KPI named "${name}".`, [
    { path: 'body.name', message: 'is already taken' },
  ]);
}

/** A concurrent writer can take the name between our check and our write. */
async function guardName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}

const emptyAsNull = (text: string | null | undefined) => (text ? text : null);

async function checkOwner(
  db: Db,
  orgId: string,
  ownerId: string | null | undefined,
): Promise<void> {
  if (ownerId && !(await isMember(db, orgId, ownerId))) {
    throw badField('ownerId', 'is not a member of the organisation');
  }
}

function checkThresholds(direction: KpiDirection, green: number, amber: number): void {
  const problem = thresholdsProblem({ direction, green, amber });
  if (problem) {
    throw new AppError('bad_input', problem, [{ path: 'body.greenThreshold', message: problem }]);
  }
}

async function presentOne(db: Db, ctx: ServiceContext, row: KpiRecord): Promise<KpiView> {
  const [view] = await presentKpis(db, ctx.actor, [row]);
  return view as KpiView;
}

/** A new KPI, owned by the caller unless they name someone. 409 when the name is taken. */
export async function createKpi(ctx: ServiceContext, body: CreateKpiBody): Promise<KpiView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    authorize(actor, 'kpi.create', { type: 'organisation' });
    const ownerId = body.ownerId === undefined ? actor.userId : body.ownerId;
    await checkOwner(trx, actor.orgId, ownerId);
    checkThresholds(body.direction, body.greenThreshold, body.amberThreshold);
    if (await kpiNameTaken(trx, actor.orgId, body.name)) throw duplicateName(body.name);
    const id = uuidv7();
    const at = ctx.now.toISOString();
    await guardName(body.name, () =>
      insertKpi(trx, {
        id,
        org_id: actor.orgId,
        name: body.name,
        unit: emptyAsNull(body.unit),
        description: emptyAsNull(body.description),
        owner_id: ownerId,
        direction: body.direction,
        green_threshold: body.greenThreshold,
        amber_threshold: body.amberThreshold,
        created_at: at,
        updated_at: at,
      }),
    );
    const row = await loadKpi(trx, actor.orgId, id);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'kpi.created',
      objectType: 'kpi',
      objectId: id,
      after: kpiSnapshot(row),
      at: ctx.now,
    });
    return presentOne(trx, ctx, row);
  });
}

/** Changes a KPI at the version the caller last saw (412 with the current KPI otherwise). */
export async function updateKpi(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateKpiBody,
): Promise<KpiView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await loadKpi(trx, actor.orgId, id);
    authorize(actor, 'kpi.manage', { type: 'kpi', ownerId: before.owner_id });
    if (before.version !== expected) throw staleVersion(await presentOne(trx, ctx, before));
    await checkOwner(trx, actor.orgId, body.ownerId);
    checkThresholds(
      body.direction ?? (before.direction as KpiDirection),
      body.greenThreshold ?? before.green_threshold,
      body.amberThreshold ?? before.amber_threshold,
    );
    if (body.name !== undefined && (await kpiNameTaken(trx, actor.orgId, body.name, id))) {
      throw duplicateName(body.name);
    }
    const changed = await guardName(body.name, () =>
      updateKpiIfVersion(trx, actor.orgId, id, expected, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.unit !== undefined ? { unit: emptyAsNull(body.unit) } : {}),
        ...(body.description !== undefined ? { description: emptyAsNull(body.description) } : {}),
        ...(body.ownerId !== undefined ? { owner_id: body.ownerId } : {}),
        ...(body.direction !== undefined ? { direction: body.direction } : {}),
        ...(body.greenThreshold !== undefined ? { green_threshold: body.greenThreshold } : {}),
        ...(body.amberThreshold !== undefined ? { amber_threshold: body.amberThreshold } : {}),
        ...(body.archived !== undefined ? { archived: body.archived ? 1 : 0 } : {}),
        updated_at: ctx.now.toISOString(),
      }),
    );
    const after = await findKpi(trx, actor.orgId, id);
    if (!after) throw notFound('KPI');
    if (!changed) throw staleVersion(await presentOne(trx, ctx, after));
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'kpi.updated',
      objectType: 'kpi',
      objectId: id,
      before: kpiSnapshot(before),
      after: kpiSnapshot(after),
      at: ctx.now,
    });
    return presentOne(trx, ctx, after);
  });
}

/** Deletes a KPI and its values; key results linked to it stay, unlinked. */
export async function deleteKpi(ctx: ServiceContext, id: string, expected: number): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const before = await loadKpi(trx, actor.orgId, id);
    authorize(actor, 'kpi.manage', { type: 'kpi', ownerId: before.owner_id });
    if (
      before.version !== expected ||
      !(await deleteKpiIfVersion(trx, actor.orgId, id, expected))
    ) {
      throw staleVersion(await presentOne(trx, ctx, before));
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'kpi.deleted',
      objectType: 'kpi',
      objectId: id,
      before: kpiSnapshot(before),
      at: ctx.now,
    });
  });
}

/** A little clock skew between the client and us is not "the future". */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Records a measured value (append-only, like a check-in). Values may be back-dated (a monthly
 * figure known a week later), not dated in the future; an archived KPI takes no new values (409).
 */
export async function recordKpiValue(
  ctx: ServiceContext,
  id: string,
  body: RecordKpiValueBody,
): Promise<KpiValueView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const kpi = await loadKpi(trx, actor.orgId, id);
    authorize(actor, 'kpi.record', { type: 'kpi', ownerId: kpi.owner_id });
    if (Number(kpi.archived) === 1) {
      throw new AppError('conflict', 'The KPI is archived; restore it to record values.');
    }
    const at = body.at ? new Date(body.at) : ctx.now;
    if (at.getTime() > ctx.now.getTime() + FUTURE_SLACK_MS) {
      throw badField('at', 'must not be in the future');
    }
    const valueId = uuidv7();
    await insertKpiValue(trx, {
      id: valueId,
      org_id: actor.orgId,
      kpi_id: id,
      value: body.value,
      at: at.toISOString(),
      note: emptyAsNull(body.note),
      recorded_by: actor.userId,
      created_at: ctx.now.toISOString(),
    });
    const row = await findKpiValue(trx, actor.orgId, valueId);
    if (!row) throw notFound('KPI value');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'kpi.value_recorded',
      objectType: 'kpi',
      objectId: id,
      after: { valueId, value: row.value, at: row.at, note: row.note },
      at: ctx.now,
    });
    return presentKpiValue(row);
  });
}
