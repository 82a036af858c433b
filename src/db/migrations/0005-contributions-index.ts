import { sql, type Kysely } from 'kysely';

/**
 * The index on key_results.contributes_to_id holds only the key results that contribute to a
 * parent objective. Most key results contribute nowhere, so the full index made the planner
 * estimate every lookup at the whole table and scan it: refreshing progress after a check-in
 * read all 100,000 key results of a 10,000-person organisation (2 ms) where the index takes
 * microseconds. Lookups by a value (`= ?`, `IN (...)`) imply NOT NULL and use the partial index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('key_results_contributes').execute();
  await db.schema
    .createIndex('key_results_contributes')
    .on('key_results')
    .column('contributes_to_id')
    .where(sql.ref('contributes_to_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('key_results_contributes').execute();
  await db.schema.createIndex('key_results_contributes').on('key_results').column('contributes_to_id').execute();
}
