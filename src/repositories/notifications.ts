/** Notifications and per-person notification settings. */
import type { Insertable, Selectable } from 'kysely';
import type { NotificationTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type NotificationRecord = Selectable<NotificationTable> & { actor_name: string | null };

/** Rows per INSERT: well under SQLite's bound-parameter limit with 15 columns. */
const CHUNK = 500;

export async function insertNotifications(
  db: Db,
  rows: Insertable<NotificationTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('notifications')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/** Of `userIds`, those who are members of the organisation. */
export async function membersAmong(db: Db, orgId: string, userIds: string[]): Promise<string[]> {
  const members: string[] = [];
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('memberships')
      .select('user_id')
      .where('org_id', '=', orgId)
      .where('user_id', 'in', userIds.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) members.push(row.user_id);
  }
  return members;
}

/** The e-mail choices of `userIds` for one kind, where they set one. */
export async function emailChoices(
  db: Db,
  orgId: string,
  kind: string,
  userIds: string[],
): Promise<Map<string, boolean>> {
  const choices = new Map<string, boolean>();
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('notification_settings')
      .select(['user_id', 'email'])
      .where('org_id', '=', orgId)
      .where('kind', '=', kind)
      .where('user_id', 'in', userIds.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) choices.set(row.user_id, row.email === 1);
  }
  return choices;
}

function notificationsQuery(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('users as u', 'u.id', 'n.actor_id')
    .selectAll('n')
    .select('u.name as actor_name')
    .where('n.org_id', '=', orgId)
    .where('n.user_id', '=', userId);
}

/** A person's notifications, newest first (`limit + 1` rows). */
export async function listNotifications(
  db: Db,
  orgId: string,
  userId: string,
  options: { unread: boolean; after?: string | undefined; limit: number },
): Promise<NotificationRecord[]> {
  let query = notificationsQuery(db, orgId, userId);
  if (options.unread) query = query.where('n.read_at', 'is', null);
  if (options.after) query = query.where('n.id', '<', options.after);
  return query
    .orderBy('n.id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

export async function findNotification(
  db: Db,
  orgId: string,
  userId: string,
  id: string,
): Promise<NotificationRecord | undefined> {
  return notificationsQuery(db, orgId, userId).where('n.id', '=', id).executeTakeFirst();
}

export async function countUnread(db: Db, orgId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one notification (or, without `id`, all of them) read; answers how many changed. */
export async function markRead(
  db: Db,
  orgId: string,
  userId: string,
  at: string,
  id?: string,
): Promise<number> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== undefined) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function settingsOf(
  db: Db,
  orgId: string,
  userId: string,
): Promise<Map<string, boolean>> {
  const rows = await db
    .selectFrom('notification_settings')
    .select(['kind', 'email'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  return new Map(rows.map((row) => [row.kind, row.email === 1]));
}

export async function saveSetting(
  db: Db,
  row: { org_id: string; user_id: string; kind: string; email: number; updated_at: string },
): Promise<void> {
  await db
    .insertInto('notification_settings')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'user_id', 'kind'])
        .doUpdateSet({ email: row.email, updated_at: row.updated_at }),
    )
    .execute();
}
