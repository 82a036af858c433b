import type { Kysely } from 'kysely';

/**
 * Cycles (issue 5, part 6):
 * - `score_requests`: when a cycle enters grading, each owner of an objective of the cycle is
 *   asked for a score; one row per objective asked, so the owner's "score your objectives" list
 *   is what was asked, not whatever the cycle holds later.
 * - an index on `objectives (org_id, carried_from_id)`: the copies carried from an objective,
 *   shown on the original's page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('score_requests')
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('cycle_id', text, (c) => c.notNull().references('cycles.id').onDelete('cascade'))
    .addColumn('objective_id', text, (c) =>
      c.notNull().references('objectives.id').onDelete('cascade'),
    )
    .addColumn('owner_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('requested_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('score_requests_pk', ['cycle_id', 'objective_id'])
    .execute();
  await db.schema
    .createIndex('score_requests_owner')
    .on('score_requests')
    .columns(['org_id', 'owner_id', 'cycle_id'])
    .execute();
  await db.schema
    .createIndex('objectives_carried_from')
    .on('objectives')
    .columns(['org_id', 'carried_from_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('objectives_carried_from').execute();
  await db.schema.dropTable('score_requests').execute();
}
