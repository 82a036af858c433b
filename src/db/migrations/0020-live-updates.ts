import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Live updates read what happened from the audit log and the notifications, in id order, after
 * the last id a browser saw: both get an (org_id, id) index. On PostgreSQL, each insert into
 * either also NOTIFYs channel `okr_live` with the organisation's id — delivered when the
 * transaction commits, to every server instance that LISTENs — so streams wake at once on every
 * instance (SQLite's streams poll: one process, or several on one file, see the same file).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_log_org_id')
    .on('audit_log')
    .columns(['org_id', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_org_id')
    .on('notifications')
    .columns(['org_id', 'id'])
    .execute();
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    CREATE OR REPLACE FUNCTION okr_live_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('okr_live', NEW.org_id);
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_live AFTER INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION okr_live_notify()`.execute(db);
  await sql`CREATE TRIGGER notifications_live AFTER INSERT ON notifications
    FOR EACH ROW EXECUTE FUNCTION okr_live_notify()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER IF EXISTS notifications_live ON notifications`.execute(db);
    await sql`DROP TRIGGER IF EXISTS audit_log_live ON audit_log`.execute(db);
    await sql`DROP FUNCTION IF EXISTS okr_live_notify()`.execute(db);
  }
  await db.schema.dropIndex('notifications_org_id').execute();
  await db.schema.dropIndex('audit_log_org_id').execute();
}
