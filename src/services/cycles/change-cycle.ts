/** Creating cycles and changing their name and dates (champions: `cycle.manage`). */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import type { CreateCycleBody, CycleView, UpdateCycleBody } from '../../contracts/api/cycles.ts';
import { authorize } from '../../policy/policy.ts';
import { cycleSnapshot, presentCycle } from '../../presenters/cycles.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  crossCycleAlignments,
  cycleNameTaken,
  findCycle,
  insertCycle,
  updateCycle as updateCycleRow,
} from '../../repositories/cycles.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { proposeCycle } from '../../domain/cycle.ts';
import { cycleRow } from '../../repositories/rows.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { badField, notFound, staleVersion } from '../service-errors.ts';

function duplicateName(name: string): AppError {
  return new AppError('duplicate', `There is already a cycle named "${name}".`, [
    { path: 'body.name', message: 'is already taken' },
  ]);
}

async function guardName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}

/**
 * The name and dates of the cycle asked for: proposed from its kind, or given in full (the body
 * schema has checked that each kind comes with its fields).
 */
export function cycleDates(body: CreateCycleBody): { name: string; startDate: string; endDate: string } {
  const missing = (field: string) => badField(field, 'is required');
  const year = body.year ?? 0;
  switch (body.kind) {
    case 'quarter': {
      const quarter = body.quarter;
      if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) throw missing('quarter');
      const proposed = proposeCycle({ kind: 'quarter', year, quarter });
      return { ...proposed, name: body.name ?? proposed.name };
    }
    case 'year': {
      const proposed = proposeCycle({ kind: 'year', year });
      return { ...proposed, name: body.name ?? proposed.name };
    }
    case 'custom':
    case undefined: {
      if (!body.startDate) throw missing('startDate');
      if (!body.endDate) throw missing('endDate');
      const proposed = proposeCycle({ kind: 'custom', startDate: body.startDate, endDate: body.endDate });
      if (body.kind === undefined && !body.name) throw missing('name');
      return { ...proposed, name: body.name ?? proposed.name };
    }
  }
}

/**
 * A new cycle, in planning unless said otherwise: a quarter, a year or custom dates with a proposed
 * name, or a name and dates given in full. 409 `duplicate` when the name is taken.
 */
export async function createCycle(ctx: ServiceContext, input: CreateCycleBody): Promise<CycleView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    authorize(actor, 'cycle.manage', { type: 'organisation' });
    const body = { ...cycleDates(input), status: input.status };
    if (await cycleNameTaken(trx, actor.orgId, body.name)) throw duplicateName(body.name);
    const id = uuidv7();
    const row = cycleRow({
      id,
      orgId: actor.orgId,
      name: body.name,
      startDate: body.startDate,
      endDate: body.endDate,
      status: body.status,
      createdAt: ctx.now.toISOString(),
    });
    await guardName(body.name, () => insertCycle(trx, row));
    const cycle = await findCycle(trx, actor.orgId, id);
    if (!cycle) throw notFound('cycle');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'cycle.created',
      objectType: 'cycle',
      objectId: id,
      after: cycleSnapshot(cycle),
      at: ctx.now,
    });
    return presentCycle(actor, cycle);
  });
}

/** 409 when new dates would leave an alignment to or from another cycle not enclosed by its parent's cycle. */
async function checkAlignedCycles(
  db: Db,
  orgId: string,
  cycleId: string,
  dates: { start_date: string; end_date: string },
): Promise<void> {
  for (const pair of await crossCycleAlignments(db, orgId, cycleId)) {
    const child = pair.child.id === cycleId ? { ...pair.child, ...dates } : pair.child;
    const parent = pair.parent.id === cycleId ? { ...pair.parent, ...dates } : pair.parent;
    if (parent.start_date > child.start_date || parent.end_date < child.end_date) {
      throw new AppError(
        'conflict',
        `Objectives of cycle "${child.name}" are aligned to objectives of cycle "${parent.name}", which would no longer enclose them ` +
          `(${parent.start_date} to ${parent.end_date} against ${child.start_date} to ${child.end_date}).`,
      );
    }
  }
}

/** Renames a cycle or moves its dates. 409 `cycle_closed` once the cycle is closed. */
export async function updateCycle(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateCycleBody,
): Promise<CycleView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await findCycle(trx, actor.orgId, id);
    if (!before) throw notFound('cycle');
    authorize(actor, 'cycle.manage', { type: 'organisation' });
    if (before.version !== expected) throw staleVersion(presentCycle(actor, before));
    if (before.status === 'closed')
      throw new AppError(
        'cycle_closed',
        `Cycle "${before.name}" is closed; it can no longer change.`,
      );
    const dates = {
      start_date: body.startDate ?? before.start_date,
      end_date: body.endDate ?? before.end_date,
    };
    if (dates.end_date < dates.start_date)
      throw badField(
        body.endDate ? 'endDate' : 'startDate',
        `must keep the end (${dates.end_date}) on or after the start (${dates.start_date})`,
      );
    if (body.name !== undefined && (await cycleNameTaken(trx, actor.orgId, body.name, id)))
      throw duplicateName(body.name);
    if (body.startDate !== undefined || body.endDate !== undefined)
      await checkAlignedCycles(trx, actor.orgId, id, dates);
    const changes = { ...(body.name !== undefined ? { name: body.name } : {}), ...dates };
    if (
      !(await guardName(body.name, () => updateCycleRow(trx, actor.orgId, id, expected, changes)))
    ) {
      const current = await findCycle(trx, actor.orgId, id);
      throw current ? staleVersion(presentCycle(actor, current)) : notFound('cycle');
    }
    const after = (await findCycle(trx, actor.orgId, id)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'cycle.updated',
      objectType: 'cycle',
      objectId: id,
      before: cycleSnapshot(before),
      after: cycleSnapshot(after),
      at: ctx.now,
    });
    return presentCycle(actor, after);
  });
}
