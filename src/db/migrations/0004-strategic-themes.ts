import type { Kysely } from 'kysely';

/**
 * Strategic themes: the few long-lived priorities executives set beside mission and vision.
 * A theme links to objectives through objective tags of the same name (no join table), so
 * imports, exports and the tag filter need nothing new. Names are unique per organisation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('themes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('themes_org_name', ['org_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('themes').execute();
}
