/**
 * SQL of spreadsheet imports: looking up the teams and people a sheet names (by name and e-mail),
 * the objectives the target cycle already has, and the saved column mappings.
 */
import type { Db } from '../services/context.ts';

export interface ImportTeam {
  id: string;
  name: string;
}

/** The organisation's teams by lower-cased name (the first of two with one name wins). */
export async function teamsByName(db: Db, orgId: string): Promise<Map<string, ImportTeam>> {
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const byName = new Map<string, ImportTeam>();
  for (const row of rows) {
    const key = row.name.trim().toLowerCase();
    if (!byName.has(key)) byName.set(key, row);
  }
  return byName;
}

export interface ImportPerson {
  id: string;
  name: string;
  email: string;
}

/** Members of the organisation among these (lower-cased) e-mails, by e-mail. */
export async function membersByEmail(
  db: Db,
  orgId: string,
  emails: Iterable<string>,
): Promise<Map<string, ImportPerson>> {
  const list = [...new Set(emails)];
  const found = new Map<string, ImportPerson>();
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['users.id', 'users.name', 'users.email'])
      .where('memberships.org_id', '=', orgId)
      .where('users.email', 'in', list.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.email, row);
  }
  return found;
}

/** A person of the organisation by id (the caller, as the default owner). */
export async function memberById(
  db: Db,
  orgId: string,
  userId: string,
): Promise<ImportPerson | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.email'])
    .where('memberships.org_id', '=', orgId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** Team id → the ids of its members and leads, for these teams. */
export async function teamMemberIds(
  db: Db,
  orgId: string,
  teamIds: Iterable<string>,
): Promise<Map<string, Set<string>>> {
  const ids = [...new Set(teamIds)];
  const out = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('team_members')
    .select(['team_id', 'user_id'])
    .where('org_id', '=', orgId)
    .where('team_id', 'in', ids)
    .execute();
  for (const row of rows) out.get(row.team_id)?.add(row.user_id);
  return out;
}

/** The objectives of a cycle, as level, team and lower-cased title, to find duplicates. */
export async function objectiveTitlesOfCycle(
  db: Db,
  orgId: string,
  cycleId: string,
): Promise<{ title: string; level: string; teamId: string | null }[]> {
  return db
    .selectFrom('objectives')
    .select(['title', 'level', 'team_id as teamId'])
    .where('org_id', '=', orgId)
    .where('cycle_id', '=', cycleId)
    .execute();
}

// ---- saved mappings ----------------------------------------------------------------------------

export interface ImportMappingRecord {
  id: string;
  org_id: string;
  name: string;
  mapping: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

function mappingQuery(db: Db, orgId: string) {
  return db
    .selectFrom('import_mappings')
    .leftJoin('users', 'users.id', 'import_mappings.created_by')
    .selectAll('import_mappings')
    .select('users.name as created_by_name')
    .where('import_mappings.org_id', '=', orgId);
}

export async function listImportMappings(db: Db, orgId: string): Promise<ImportMappingRecord[]> {
  return mappingQuery(db, orgId)
    .orderBy('import_mappings.name')
    .orderBy('import_mappings.id')
    .execute();
}

export async function findImportMapping(
  db: Db,
  orgId: string,
  id: string,
): Promise<ImportMappingRecord | undefined> {
  return mappingQuery(db, orgId).where('import_mappings.id', '=', id).executeTakeFirst();
}

export async function importMappingNamed(
  db: Db,
  orgId: string,
  name: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('import_mappings')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertImportMapping(
  db: Db,
  row: {
    id: string;
    org_id: string;
    name: string;
    mapping: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  },
): Promise<void> {
  await db.insertInto('import_mappings').values(row).execute();
}

/** Changes the mapping when it is still at `expected`; false when it is not (or gone). */
export async function updateImportMapping(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  change: { name?: string; mapping?: string },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('import_mappings')
    .set((eb) => ({ ...change, updated_at: at, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteImportMapping(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('import_mappings')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
