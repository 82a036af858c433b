/**
 * What a live update stream sends: after a cursor, the activity the caller may see (the feed's
 * rule) and the caller's own new notifications, oldest first. The cursor is the last audit id
 * and the last notification id read. Ids are UUIDv7 — time-ordered — but on PostgreSQL a
 * transaction may commit after a later-started one, so each read looks back a few seconds
 * before the cursor and leaves out what this stream already sent: nothing committed late is
 * missed. A reconnecting browser (Last-Event-ID) may get a few of those entries twice; each
 * event only tells a page what to reload, so twice is harmless.
 */
import type { Actor } from '../../policy/policy.ts';
import { authorize } from '../../policy/policy.ts';
import { newestAuditId } from '../../repositories/activity.ts';
import { activitySince, type LiveActivity } from '../collaboration/activity.ts';
import type { ServiceContext } from '../context.ts';

export interface LiveCursor {
  audit: string;
  notification: string;
}

export interface LiveNotification {
  id: string;
  kind: string;
  title: string;
  link: string | null;
}

export type LiveEvent =
  { event: 'activity'; data: LiveActivity } | { event: 'notification'; data: LiveNotification };

const ZERO = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** How far before the cursor each read looks, for transactions that committed late. */
export const LOOK_BACK_MS = 5_000;
const BATCH = 200;
/** Batches one call reads at most; the rest comes with the next call. */
const MAX_BATCHES = 10;

export function encodeLiveCursor(cursor: LiveCursor): string {
  return `${cursor.audit}~${cursor.notification}`;
}

/** The cursor a Last-Event-ID names, or null when it is not one of ours. */
export function decodeLiveCursor(text: string | undefined): LiveCursor | null {
  if (!text) return null;
  const [audit, notification, ...rest] = text.split('~');
  if (rest.length > 0 || !audit || !notification) return null;
  return UUID.test(audit) && UUID.test(notification) ? { audit, notification } : null;
}

/** The smallest UUIDv7 of `ms` milliseconds before `id`'s time. */
export function lookBack(id: string, ms: number): string {
  const time = parseInt(id.slice(0, 8) + id.slice(9, 13), 16) - ms;
  if (!(time > 0)) return ZERO;
  const hex = time.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** Now: the newest entries of the organisation and of the caller's notifications. */
export async function currentLiveCursor(ctx: ServiceContext): Promise<LiveCursor> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const notification = await db
    .selectFrom('notifications')
    .select('id')
    .where('org_id', '=', actor.orgId)
    .where('user_id', '=', actor.userId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    audit: (await newestAuditId(db, actor.orgId)) ?? ZERO,
    notification: notification?.id ?? ZERO,
  };
}

/** Ids a stream sent lately, to leave out when a read looks back (bounded, oldest out first). */
export class RecentlySent {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 5_000) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}

const later = (a: string, b: string | null | undefined) => (b && b > a ? b : a);

/** The events after `cursor` that this stream has not sent, and the cursor after them. */
export async function liveEventsSince(
  ctx: ServiceContext & { actor: Actor },
  cursor: LiveCursor,
  sent: RecentlySent,
): Promise<{ events: LiveEvent[]; cursor: LiveCursor }> {
  const { actor } = ctx;
  authorize(actor, 'notification.manage', { type: 'person', userId: actor.userId });
  // Look back once; then, while batches come full, read on strictly after the last entry read
  // (a burst of more than a batch within the look-back must not be read again and again).
  const entries: LiveActivity[] = [];
  let lastAudit: string | null = null;
  let from = lookBack(cursor.audit, LOOK_BACK_MS);
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const read = await activitySince(ctx, from, BATCH);
    entries.push(...read.entries);
    if (read.last === null) break;
    lastAudit = read.last;
    if (read.read < BATCH) break;
    from = read.last;
  }
  const notifications: LiveNotification[] = [];
  from = lookBack(cursor.notification, LOOK_BACK_MS);
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await ctx.connection.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'link'])
      .where('org_id', '=', actor.orgId)
      .where('user_id', '=', actor.userId)
      .where('id', '>', from)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    notifications.push(...rows);
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) break;
    from = last.id;
  }
  const events: LiveEvent[] = [];
  for (const entry of entries) {
    if (sent.has(entry.id)) continue;
    sent.add(entry.id);
    events.push({ event: 'activity', data: entry });
  }
  for (const row of notifications) {
    if (sent.has(row.id)) continue;
    sent.add(row.id);
    events.push({ event: 'notification', data: row });
  }
  return {
    events,
    cursor: {
      audit: later(cursor.audit, lastAudit),
      notification: later(cursor.notification, notifications.at(-1)?.id),
    },
  };
}
