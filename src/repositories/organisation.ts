/** The organisation's own row (name, mission, vision, settings) and its strategic themes. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { OrganisationTable, ThemeTable } from '../db/schema.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { readableBy } from './objectives.ts';

export type OrganisationRecord = Selectable<OrganisationTable>;

export async function findOrganisation(
  db: Db,
  orgId: string,
): Promise<OrganisationRecord | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
}

/** Applies the changes and bumps the version; false when the version is no longer `expected`. */
export async function updateOrganisation(
  db: Db,
  orgId: string,
  expected: number,
  changes: { name?: string; mission?: string | null; vision?: string | null; settings?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('organisations')
    .set((eb) => ({ ...changes, version: eb(eb.ref('version'), '+', 1) }))
    .where('id', '=', orgId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A theme with the number of objectives the scope may read that carry its name as a tag. */
export type ThemeRecord = Selectable<ThemeTable> & { objective_count: number };

function themesQuery(db: Db, scope: ListScope) {
  return db
    .selectFrom('themes as t')
    .selectAll('t')
    .select((eb) =>
      eb
        .selectFrom('objective_tags as g')
        .innerJoin('objectives as o', 'o.id', 'g.objective_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('g.tag', '=', 't.name')
        .where('g.org_id', '=', scope.orgId)
        .where('o.org_id', '=', scope.orgId)
        .where(readableBy(scope))
        .as('objective_count'),
    )
    .where('t.org_id', '=', scope.orgId);
}

function asThemeRecord<T extends { objective_count: number | string | null }>(
  row: T,
): Omit<T, 'objective_count'> & { objective_count: number } {
  // PostgreSQL answers count(*) as a bigint string.
  return { ...row, objective_count: Number(row.objective_count ?? 0) };
}

/** Every theme of the organisation, in list order. */
export async function listThemeRecords(db: Db, scope: ListScope): Promise<ThemeRecord[]> {
  const rows = await themesQuery(db, scope).orderBy('t.position').orderBy('t.id').execute();
  return rows.map(asThemeRecord);
}

export async function findTheme(
  db: Db,
  scope: ListScope,
  id: string,
): Promise<ThemeRecord | undefined> {
  const row = await themesQuery(db, scope).where('t.id', '=', id).executeTakeFirst();
  return row && asThemeRecord(row);
}

/** Whether another theme of the organisation has this name, ignoring case. */
export async function themeNameTaken(
  db: Db,
  orgId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('themes')
    .select('id')
    .where('org_id', '=', orgId)
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The position after the organisation's last theme. */
export async function nextThemePosition(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('themes')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row?.last == null ? 0 : Number(row.last) + 1;
}

export async function insertTheme(db: Db, row: Insertable<ThemeTable>): Promise<void> {
  await db.insertInto('themes').values(row).execute();
}

/** Applies the changes and bumps the version; false when the version is no longer `expected`. */
export async function updateTheme(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  changes: { name?: string; description?: string | null; position?: number },
): Promise<boolean> {
  const result = await db
    .updateTable('themes')
    .set((eb) => ({ ...changes, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes the theme; false when the version is no longer `expected`. */
export async function deleteTheme(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('themes')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
