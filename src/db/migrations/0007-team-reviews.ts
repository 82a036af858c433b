import type { Kysely } from 'kysely';

/**
 * Weekly team reviews: each "mark reviewed" appends a row; the latest one is the baseline the
 * next review compares against ("what moved since the last review"). Rows are never changed, so
 * the history of reviews stays; they go with their team.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('team_reviews')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('reviewed_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('team_reviews_team_time')
    .on('team_reviews')
    .columns(['team_id', 'reviewed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('team_reviews').execute();
}
