import type { Kysely } from 'kysely';

/**
 * The notification centre: one row per notification a person receives (a mention, an answer, a
 * reminder, an escalation, an announcement, an approval step, a collaboration request), read or
 * not. `email_status` is decided when the notification is made, from the person's settings:
 * `pending` rows are what the mailer sends (then `sent` or `failed`), null when no e-mail is
 * wanted. `notification_settings` holds a person's choices where they differ from the defaults.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('notifications')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('body', text)
    .addColumn('link', text)
    .addColumn('subject_type', text)
    .addColumn('subject_id', text)
    .addColumn('actor_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('read_at', text)
    .addColumn('email_status', text)
    .addColumn('emailed_at', text)
    .addColumn('email_error', text)
    .execute();
  await db.schema
    .createIndex('notifications_recipient')
    .on('notifications')
    .columns(['org_id', 'user_id', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_email_status')
    .on('notifications')
    .columns(['email_status', 'id'])
    .execute();
  await db.schema
    .createTable('notification_settings')
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_settings_pk', ['org_id', 'user_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_settings').execute();
  await db.schema.dropTable('notifications').execute();
}
