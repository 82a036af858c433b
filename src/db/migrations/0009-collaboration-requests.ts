import type { Kysely } from 'kysely';

/**
 * Collaboration requests: one team asks another for help on an objective (a message and a
 * needed-by date); the other team's lead accepts — recording a dependency or joining the
 * objective as a contributing team (`outcome_kind`, `outcome_id`) — or declines with a reason.
 * The request keeps who asked and who answered, so both teams see the history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('collaboration_requests')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('from_team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('to_team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('objective_id', text, (c) =>
      c.notNull().references('objectives.id').onDelete('cascade'),
    )
    .addColumn('key_result_id', text, (c) => c.references('key_results.id').onDelete('set null'))
    .addColumn('message', text, (c) => c.notNull())
    .addColumn('needed_by', text)
    .addColumn('status', text, (c) => c.notNull().defaultTo('open'))
    .addColumn('response', text)
    .addColumn('outcome_kind', text)
    .addColumn('outcome_id', text)
    .addColumn('requested_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('responded_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('responded_at', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('collaboration_requests_to')
    .on('collaboration_requests')
    .columns(['org_id', 'to_team_id', 'id'])
    .execute();
  await db.schema
    .createIndex('collaboration_requests_from')
    .on('collaboration_requests')
    .columns(['org_id', 'from_team_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('collaboration_requests').execute();
}
