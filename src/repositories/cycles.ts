/** Cycles of an organisation. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CycleStatus } from '../contracts/model.ts';
import type { CycleTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type CycleRecord = Selectable<CycleTable>;

/** Up to `limit + 1` cycles in creation order after `after`. */
export async function listCycleRecords(
  db: Db,
  orgId: string,
  filter: { status?: CycleStatus | undefined; after?: string | undefined; limit: number },
): Promise<CycleRecord[]> {
  let query = db.selectFrom('cycles').selectAll().where('org_id', '=', orgId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.after) query = query.where('id', '>', filter.after);
  return query
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
}

export async function findCycle(
  db: Db,
  orgId: string,
  id: string,
): Promise<CycleRecord | undefined> {
  return db
    .selectFrom('cycles')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function cycleNameTaken(
  db: Db,
  orgId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('cycles')
    .select('id')
    .where('org_id', '=', orgId)
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertCycle(db: Db, row: Insertable<CycleTable>): Promise<void> {
  await db.insertInto('cycles').values(row).execute();
}

/** Applies the changes and bumps the version; false when the version is no longer `expected`. */
export async function updateCycle(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  changes: { name?: string; start_date?: string; end_date?: string; status?: CycleStatus },
): Promise<boolean> {
  const result = await db
    .updateTable('cycles')
    .set((eb) => ({ ...changes, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface CycleDates {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
}

/**
 * The pairs of cycles linked by an alignment that crosses from or into `cycleId`: a child
 * objective in one cycle aligned to a parent objective in the other.
 */
export async function crossCycleAlignments(
  db: Db,
  orgId: string,
  cycleId: string,
): Promise<{ child: CycleDates; parent: CycleDates }[]> {
  const rows = await db
    .selectFrom('alignments as a')
    .innerJoin('objectives as co', 'co.id', 'a.child_id')
    .innerJoin('objectives as po', 'po.id', 'a.parent_id')
    .innerJoin('cycles as cc', 'cc.id', 'co.cycle_id')
    .innerJoin('cycles as pc', 'pc.id', 'po.cycle_id')
    .select([
      'cc.id as child_id',
      'cc.name as child_name',
      'cc.start_date as child_start',
      'cc.end_date as child_end',
      'pc.id as parent_id',
      'pc.name as parent_name',
      'pc.start_date as parent_start',
      'pc.end_date as parent_end',
    ])
    .distinct()
    .where('a.org_id', '=', orgId)
    .where((eb) => eb.or([eb('co.cycle_id', '=', cycleId), eb('po.cycle_id', '=', cycleId)]))
    .whereRef('co.cycle_id', '!=', 'po.cycle_id')
    .execute();
  return rows.map((r) => ({
    child: { id: r.child_id, name: r.child_name, start_date: r.child_start, end_date: r.child_end },
    parent: {
      id: r.parent_id,
      name: r.parent_name,
      start_date: r.parent_start,
      end_date: r.parent_end,
    },
  }));
}
