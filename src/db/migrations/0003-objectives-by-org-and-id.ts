import type { Kysely } from 'kysely';

/**
 * `objectives_org` becomes (org_id, id). Loading "these objectives of this organisation"
 * (`org_id = ? AND id IN (...)`, on every read of an objective and every progress refresh) then
 * seeks each id. On (org_id) alone, SQLite without statistics judged the organisation's index
 * more selective than three or more primary-key lookups and read every objective of the
 * organisation: 7-20 ms instead of 0.1 ms at 30,000 objectives. Pages of objectives ordered by id
 * also read in index order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('objectives_org').execute();
  await db.schema.createIndex('objectives_org').on('objectives').columns(['org_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('objectives_org').execute();
  await db.schema.createIndex('objectives_org').on('objectives').column('org_id').execute();
}
