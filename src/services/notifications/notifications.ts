/** A person's own notification centre: list, unread count, mark as read, e-mail settings. */
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPage,
  type NotificationSettings,
  type NotificationView,
  type UpdateNotificationSettingsBody,
} from '../../contracts/api/notifications.ts';
import { pageOf } from '../../contracts/api/page.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  countUnread,
  findNotification,
  listNotifications as listRows,
  markRead as markRows,
  saveSetting,
  settingsOf,
  type NotificationRecord,
} from '../../repositories/notifications.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

const own = (actor: Actor) => {
  authorize(actor, 'notification.manage', { type: 'person', userId: actor.userId });
};

export function presentNotification(row: NotificationRecord): NotificationView {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    title: row.title,
    body: row.body,
    link: row.link,
    subject:
      row.subject_type !== null && row.subject_id !== null
        ? { type: row.subject_type, id: row.subject_id }
        : null,
    actor: row.actor_id !== null ? { id: row.actor_id, name: row.actor_name ?? 'Someone' } : null,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export async function listNotifications(
  ctx: ServiceContext,
  options: { unread: boolean; limit: number; after?: string | undefined },
): Promise<NotificationPage> {
  const { actor } = ctx;
  own(actor);
  const db = ctx.connection.db;
  const rows = await listRows(db, actor.orgId, actor.userId, options);
  return {
    ...pageOf(rows, options.limit, (row) => row.id, presentNotification),
    unreadCount: await countUnread(db, actor.orgId, actor.userId),
  };
}

export async function unreadCount(ctx: ServiceContext): Promise<number> {
  own(ctx.actor);
  return countUnread(ctx.connection.db, ctx.actor.orgId, ctx.actor.userId);
}

/** Marks one of the caller's notifications read (again: no change, no error). */
export async function markRead(ctx: ServiceContext, id: string): Promise<NotificationView> {
  const { actor } = ctx;
  own(actor);
  return inTransaction(ctx, async (trx) => {
    const before = await findNotification(trx, actor.orgId, actor.userId, id);
    if (!before) throw notFound('notification');
    if (before.read_at === null) {
      await markRows(trx, actor.orgId, actor.userId, ctx.now.toISOString(), id);
      await recordAudit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'notification.read',
        objectType: 'notification',
        objectId: id,
        before: { readAt: null },
        after: { readAt: ctx.now.toISOString() },
        at: ctx.now,
      });
    }
    const after = await findNotification(trx, actor.orgId, actor.userId, id);
    if (!after) throw notFound('notification');
    return presentNotification(after);
  });
}

/** Marks every unread notification of the caller read; answers how many. */
export async function markAllRead(ctx: ServiceContext): Promise<number> {
  const { actor } = ctx;
  own(actor);
  return inTransaction(ctx, async (trx) => {
    const marked = await markRows(trx, actor.orgId, actor.userId, ctx.now.toISOString());
    if (marked > 0) {
      await recordAudit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'notification.read_all',
        objectType: 'person',
        objectId: actor.userId,
        after: { marked },
        at: ctx.now,
      });
    }
    return marked;
  });
}

function settingsView(choices: Map<string, boolean>): NotificationSettings {
  return {
    settings: (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).map((kind) => ({
      kind,
      label: NOTIFICATION_KINDS[kind].label,
      email: choices.get(kind) ?? NOTIFICATION_KINDS[kind].email,
      defaultEmail: NOTIFICATION_KINDS[kind].email,
    })),
  };
}

export async function notificationSettings(ctx: ServiceContext): Promise<NotificationSettings> {
  own(ctx.actor);
  return settingsView(await settingsOf(ctx.connection.db, ctx.actor.orgId, ctx.actor.userId));
}

/** Sets which kinds also come by e-mail (kinds not sent keep their setting). */
export async function updateNotificationSettings(
  ctx: ServiceContext,
  body: UpdateNotificationSettingsBody,
): Promise<NotificationSettings> {
  const { actor } = ctx;
  own(actor);
  return inTransaction(ctx, async (trx) => {
    const before = await settingsOf(trx, actor.orgId, actor.userId);
    for (const { kind, email } of body.settings) {
      await saveSetting(trx, {
        org_id: actor.orgId,
        user_id: actor.userId,
        kind,
        email: email ? 1 : 0,
        updated_at: ctx.now.toISOString(),
      });
    }
    const after = await settingsOf(trx, actor.orgId, actor.userId);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'notification_settings.updated',
      objectType: 'person',
      objectId: actor.userId,
      before: settingsView(before),
      after: settingsView(after),
      at: ctx.now,
    });
    return settingsView(after);
  });
}
