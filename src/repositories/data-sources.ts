/** Key results' data sources. */
import type { Selectable } from 'kysely';
import type { DataSourceTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type DataSourceRow = Selectable<DataSourceTable>;

export async function findDataSource(
  db: Db,
  orgId: string | null,
  id: string,
): Promise<DataSourceRow | undefined> {
  let query = db.selectFrom('data_sources').selectAll().where('id', '=', id);
  if (orgId !== null) query = query.where('org_id', '=', orgId);
  return query.executeTakeFirst();
}

export async function dataSourceOfKeyResult(
  db: Db,
  orgId: string,
  keyResultId: string,
): Promise<DataSourceRow | undefined> {
  return db
    .selectFrom('data_sources')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('key_result_id', '=', keyResultId)
    .executeTakeFirst();
}

export async function insertDataSource(
  db: Db,
  row: Omit<DataSourceRow, 'version' | 'consecutive_failures'>,
): Promise<void> {
  await db.insertInto('data_sources').values(row).execute();
}

export async function deleteDataSource(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('data_sources')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Pull sources whose next run is due at `at`. */
export async function dueDataSourceIds(db: Db, at: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('data_sources')
    .select('id')
    .where('kind', '=', 'pull')
    .where('next_run_at', '<=', at)
    .orderBy('next_run_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims a source for one run by moving its next run to the end of a lease: one conditional
 * UPDATE that only one worker can win. `due` is the latest next run it may have (`at` for the
 * poller; far in the future for "fetch now").
 */
export async function claimDataSource(
  db: Db,
  id: string,
  due: string,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('data_sources')
    .set({ next_run_at: leaseUntil })
    .where('id', '=', id)
    .where('kind', '=', 'pull')
    .where('next_run_at', '<=', due)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordSourceSuccess(
  db: Db,
  id: string,
  value: number,
  at: string,
  nextRunAt: string | null,
): Promise<void> {
  await db
    .updateTable('data_sources')
    .set({
      last_value: value,
      last_success_at: at,
      last_attempt_at: at,
      last_error: null,
      consecutive_failures: 0,
      next_run_at: nextRunAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function recordSourceFailure(
  db: Db,
  id: string,
  error: string,
  at: string,
  nextRunAt: (failures: number) => string | null,
  failuresBefore: number,
): Promise<void> {
  await db
    .updateTable('data_sources')
    .set((eb) => ({
      last_error: error,
      last_attempt_at: at,
      consecutive_failures: eb('consecutive_failures', '+', 1),
      next_run_at: nextRunAt(failuresBefore + 1),
    }))
    .where('id', '=', id)
    .execute();
}
