/** SQL of the playbook: an organisation's overrides of the built-in guidance and advice. */
import type { Selectable } from 'kysely';
import type { PlaybookEntryTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type PlaybookEntryRecord = Selectable<PlaybookEntryTable> & {
  updated_by_name: string | null;
};

function entriesQuery(db: Db, orgId: string) {
  return db
    .selectFrom('playbook_entries as p')
    .leftJoin('users as u', 'u.id', 'p.updated_by')
    .selectAll('p')
    .select('u.name as updated_by_name')
    .where('p.org_id', '=', orgId);
}

/** Every override of the organisation. */
export async function listPlaybookEntries(db: Db, orgId: string): Promise<PlaybookEntryRecord[]> {
  return entriesQuery(db, orgId).orderBy('p.key').execute();
}

export async function findPlaybookEntry(
  db: Db,
  orgId: string,
  key: string,
): Promise<PlaybookEntryRecord | undefined> {
  return entriesQuery(db, orgId).where('p.key', '=', key).executeTakeFirst();
}

export async function insertPlaybookEntry(
  db: Db,
  row: { org_id: string; key: string; body: string; updated_by: string; updated_at: string },
): Promise<void> {
  await db.insertInto('playbook_entries').values(row).execute();
}

/** Replaces the text and bumps the version; false when the version is no longer `expected`. */
export async function updatePlaybookEntry(
  db: Db,
  orgId: string,
  key: string,
  expected: number,
  changes: { body: string; updated_by: string; updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('playbook_entries')
    .set((eb) => ({ ...changes, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('key', '=', key)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes the override (back to the built-in text); false when the version is no longer `expected`. */
export async function deletePlaybookEntry(
  db: Db,
  orgId: string,
  key: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('playbook_entries')
    .where('org_id', '=', orgId)
    .where('key', '=', key)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
