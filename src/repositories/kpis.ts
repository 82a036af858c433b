/** KPIs and their values over time (migration 0013). */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { KpiTable, KpiValueTable } from '../db/schema.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { readableBy } from './objectives.ts';

export type KpiRecord = Selectable<KpiTable> & { owner_name: string | null };
export type KpiValueRecord = Selectable<KpiValueTable> & { recorded_by_name: string | null };

function kpisQuery(db: Db, orgId: string) {
  return db
    .selectFrom('kpis as k')
    .leftJoin('users as u', 'u.id', 'k.owner_id')
    .selectAll('k')
    .select('u.name as owner_name')
    .where('k.org_id', '=', orgId);
}

/** The organisation's KPIs, current or archived, by name. */
export async function listKpiRecords(
  db: Db,
  orgId: string,
  archived: boolean,
): Promise<KpiRecord[]> {
  return kpisQuery(db, orgId)
    .where('k.archived', '=', archived ? 1 : 0)
    .orderBy(sql`lower(k.name)`)
    .orderBy('k.id')
    .execute();
}

export async function findKpi(db: Db, orgId: string, id: string): Promise<KpiRecord | undefined> {
  return kpisQuery(db, orgId).where('k.id', '=', id).executeTakeFirst();
}

/** Whether another KPI of the organisation has this name, ignoring case. */
export async function kpiNameTaken(
  db: Db,
  orgId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('kpis')
    .select('id')
    .where('org_id', '=', orgId)
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertKpi(db: Db, row: Insertable<KpiTable>): Promise<void> {
  await db.insertInto('kpis').values(row).execute();
}

/** Changes a KPI and bumps its version; false when the version is no longer `expected`. */
export async function updateKpiIfVersion(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  change: Omit<Updateable<KpiTable>, 'id' | 'org_id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('kpis')
    .set((eb) => ({ ...change, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes a KPI with its values; its key results stay, unlinked. */
export async function deleteKpiIfVersion(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  await db
    .updateTable('key_results')
    .set({ kpi_id: null })
    .where('org_id', '=', orgId)
    .where('kpi_id', '=', id)
    .execute();
  await db.deleteFrom('kpi_values').where('org_id', '=', orgId).where('kpi_id', '=', id).execute();
  const result = await db
    .deleteFrom('kpis')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function insertKpiValue(db: Db, row: Insertable<KpiValueTable>): Promise<void> {
  await db.insertInto('kpi_values').values(row).execute();
}

function valuesQuery(db: Db, orgId: string) {
  return db
    .selectFrom('kpi_values as v')
    .leftJoin('users as u', 'u.id', 'v.recorded_by')
    .selectAll('v')
    .select('u.name as recorded_by_name')
    .where('v.org_id', '=', orgId);
}

export async function findKpiValue(
  db: Db,
  orgId: string,
  id: string,
): Promise<KpiValueRecord | undefined> {
  return valuesQuery(db, orgId).where('v.id', '=', id).executeTakeFirst();
}

/** The latest `limit` values of a KPI, oldest first (ties on `at` in recording order). */
export async function latestKpiValues(
  db: Db,
  orgId: string,
  kpiId: string,
  limit: number,
): Promise<KpiValueRecord[]> {
  const rows = await valuesQuery(db, orgId)
    .where('v.kpi_id', '=', kpiId)
    .orderBy('v.at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/**
 * The latest `perKpi` values of each KPI, oldest first. An organisation has tens of KPIs, each
 * valued weekly or monthly: one window query over the (kpi_id, at) index, on both databases.
 */
export async function recentValuesOf(
  db: Db,
  orgId: string,
  kpiIds: readonly string[],
  perKpi: number,
): Promise<Map<string, { value: number; at: string }[]>> {
  const byKpi = new Map<string, { value: number; at: string }[]>();
  if (kpiIds.length === 0) return byKpi;
  const ranked = db
    .selectFrom('kpi_values as v')
    .select(['v.kpi_id', 'v.value', 'v.at', 'v.id'])
    .select(
      sql<number>`row_number() over (partition by v.kpi_id order by v.at desc, v.id desc)`.as(
        'rank',
      ),
    )
    .where('v.org_id', '=', orgId)
    .where('v.kpi_id', 'in', kpiIds);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .select(['r.kpi_id', 'r.value', 'r.at'])
    .where('r.rank', '<=', perKpi)
    .orderBy('r.kpi_id')
    .orderBy('r.at')
    .orderBy('r.id')
    .execute();
  for (const row of rows) {
    const list = byKpi.get(row.kpi_id) ?? [];
    list.push({ value: row.value, at: row.at });
    byKpi.set(row.kpi_id, list);
  }
  return byKpi;
}

function linkedQuery(db: Db, scope: ListScope) {
  return db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .where('kr.org_id', '=', scope.orgId)
    .where(readableBy(scope, 'o'));
}

/** Key results linked to each KPI, counting only those on objectives the scope may read. */
export async function linkedKeyResultCounts(
  db: Db,
  scope: ListScope,
  kpiIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (kpiIds.length === 0) return counts;
  const rows = await linkedQuery(db, scope)
    .select('kr.kpi_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kr.kpi_id', 'in', kpiIds)
    .groupBy('kr.kpi_id')
    .execute();
  for (const row of rows) if (row.kpi_id) counts.set(row.kpi_id, Number(row.n));
  return counts;
}

/** Key results linked to a KPI on objectives the scope may read, newest cycle first. */
export async function linkedKeyResults(db: Db, scope: ListScope, kpiId: string) {
  return linkedQuery(db, scope)
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .select([
      'kr.id',
      'kr.title',
      'kr.progress',
      'o.id as objective_id',
      'o.title as objective_title',
      'c.id as cycle_id',
      'c.name as cycle_name',
    ])
    .where('kr.kpi_id', '=', kpiId)
    .orderBy('c.start_date', 'desc')
    .orderBy('kr.id')
    .limit(200)
    .execute();
}

/** Whether the KPI exists in the organisation and is not archived (a key result may link to it). */
export async function linkableKpi(db: Db, orgId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('kpis')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('archived', '=', 0)
    .executeTakeFirst();
  return row !== undefined;
}
