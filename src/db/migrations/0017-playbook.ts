import type { Kysely } from 'kysely';

/**
 * The playbook (issue 5, part 10): an organisation's own texts for the wizard's guidance and the
 * quality rules' advice, one row per overridden key (`step.<step>` or `rule.<rule id>`). Keys
 * without a row show the built-in text (src/domain/playbook.ts); deleting a row returns to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('playbook_entries')
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('playbook_entries_pk', ['org_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('playbook_entries').execute();
}
