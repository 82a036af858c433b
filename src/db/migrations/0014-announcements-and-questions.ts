import type { Kysely } from 'kysely';

/**
 * Announcements, their acknowledgements and the question desk (issue 5, parts 2, 3 and 9).
 *
 * - `announcements`: Markdown from an executive or a champion with its rationale, to the whole
 *   organisation (`audience` 'organisation') or to the teams in `announcement_teams`; the company
 *   objectives it is about are in `announcement_objectives`. A withdrawn one keeps its rows
 *   (`withdrawn_at`) so the record of who read it survives. `reminded_at` is the last reminder,
 *   which limits how often the people who have not acknowledged are reminded.
 * - `announcement_acknowledgements`: "I have read and understood", once per person.
 * - `questions`: anyone's question about OKRs, optionally about an objective or an announcement;
 *   champions assign, answer and publish good answers to the FAQ. `search_text` is the
 *   lower-cased text the FAQ search matches with LIKE (the same answer on both databases).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('announcements')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('rationale', text, (c) => c.notNull())
    .addColumn('audience', text, (c) => c.notNull())
    .addColumn('published_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('withdrawn_at', text)
    .addColumn('reminded_at', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('announcements_org')
    .on('announcements')
    .columns(['org_id', 'id'])
    .execute();
  await db.schema
    .createTable('announcement_teams')
    .addColumn('announcement_id', text, (c) =>
      c.notNull().references('announcements.id').onDelete('cascade'),
    )
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('announcement_teams_pk', ['announcement_id', 'team_id'])
    .execute();
  await db.schema
    .createTable('announcement_objectives')
    .addColumn('announcement_id', text, (c) =>
      c.notNull().references('announcements.id').onDelete('cascade'),
    )
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('objective_id', text, (c) =>
      c.notNull().references('objectives.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('announcement_objectives_pk', ['announcement_id', 'objective_id'])
    .execute();
  await db.schema
    .createIndex('announcement_objectives_objective')
    .on('announcement_objectives')
    .columns(['objective_id'])
    .execute();
  await db.schema
    .createTable('announcement_acknowledgements')
    .addColumn('announcement_id', text, (c) =>
      c.notNull().references('announcements.id').onDelete('cascade'),
    )
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('acknowledged_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('announcement_acknowledgements_pk', ['announcement_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('questions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('asker_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('text', text, (c) => c.notNull())
    .addColumn('objective_id', text, (c) => c.references('objectives.id').onDelete('set null'))
    .addColumn('announcement_id', text, (c) =>
      c.references('announcements.id').onDelete('set null'),
    )
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('assignee_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answer', text)
    .addColumn('answered_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_at', text)
    .addColumn('published_to_faq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('faq_title', text)
    .addColumn('search_text', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('questions_org').on('questions').columns(['org_id', 'id']).execute();
  await db.schema
    .createIndex('questions_asker')
    .on('questions')
    .columns(['org_id', 'asker_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('questions').execute();
  await db.schema.dropTable('announcement_acknowledgements').execute();
  await db.schema.dropTable('announcement_objectives').execute();
  await db.schema.dropTable('announcement_teams').execute();
  await db.schema.dropTable('announcements').execute();
}
