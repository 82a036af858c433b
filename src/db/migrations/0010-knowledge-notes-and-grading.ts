import type { Kysely } from 'kysely';

/**
 * Knowledge notes, grades and retrospectives (issue 6, parts 10 and 11).
 *
 * - `knowledge_notes`: Markdown notes, learnings and links on an objective, and the objective's
 *   retrospective (kind `retrospective`, at most one per objective, with its three answers), so a
 *   retrospective is found by the same search as every other note. `search_text` is the
 *   lower-cased text searched with LIKE: lower-casing in JavaScript gives the same answer on
 *   SQLite (whose lower() knows only ASCII) and PostgreSQL.
 * - `objective_grades`: the owner's proposed score with its reason and the confirmation by a lead
 *   or an executive; the confirmed score is also written to `objectives.score`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  const num = 'double precision';
  await db.schema
    .createTable('knowledge_notes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('objective_id', text, (c) =>
      c.notNull().references('objectives.id').onDelete('cascade'),
    )
    .addColumn('author_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('links', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('went_well', text)
    .addColumn('went_badly', text)
    .addColumn('learned', text)
    .addColumn('search_text', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('knowledge_notes_org')
    .on('knowledge_notes')
    .columns(['org_id', 'id'])
    .execute();
  await db.schema
    .createIndex('knowledge_notes_objective')
    .on('knowledge_notes')
    .columns(['objective_id', 'kind'])
    .execute();

  await db.schema
    .createTable('objective_grades')
    .addColumn('objective_id', text, (c) =>
      c.primaryKey().references('objectives.id').onDelete('cascade'),
    )
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('proposed_score', num, (c) => c.notNull())
    .addColumn('proposed_reason', text, (c) => c.notNull())
    .addColumn('proposed_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('proposed_at', text, (c) => c.notNull())
    .addColumn('confirmed_score', num)
    .addColumn('confirmed_note', text)
    .addColumn('confirmed_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_at', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('objective_grades_org')
    .on('objective_grades')
    .column('org_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('objective_grades').execute();
  await db.schema.dropTable('knowledge_notes').execute();
}
