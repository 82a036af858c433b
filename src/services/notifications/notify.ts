/**
 * Telling people something: every feature that notifies calls `notify()` inside its own
 * transaction, so a notification exists exactly when the change that caused it does. Whether it
 * also goes by e-mail is decided here from each recipient's settings (`email_status` 'pending');
 * the mailer sends pending ones. Callers pass only people allowed to see the subject: a
 * notification about a private objective must go to its readers only.
 */
import { v7 as uuidv7 } from 'uuid';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../contracts/api/notifications.ts';
import {
  emailChoices,
  insertNotifications,
  membersAmong,
} from '../../repositories/notifications.ts';
import type { Db } from '../context.ts';

export interface Notification {
  orgId: string;
  kind: NotificationKind;
  /** Who caused it (never notified of their own doing), or null for the system. */
  actorId: string | null;
  recipients: Iterable<string>;
  title: string;
  body?: string | null;
  /** A path in the web app under /orgs/{org}, e.g. `/objectives/${id}`. */
  link?: string | null;
  subject?: { type: string; id: string } | null;
  at: Date;
}

/** Titles and bodies are plain text shown as text; long ones are cut. */
const TITLE_MAX = 300;
const BODY_MAX = 2_000;
const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** Notifies each recipient (members of the organisation only, once each); answers how many. */
export async function notify(db: Db, notification: Notification): Promise<number> {
  const wanted = [...new Set(notification.recipients)].filter((id) => id !== notification.actorId);
  if (wanted.length === 0) return 0;
  const recipients = await membersAmong(db, notification.orgId, wanted);
  if (recipients.length === 0) return 0;
  const choices = await emailChoices(db, notification.orgId, notification.kind, recipients);
  const byDefault = NOTIFICATION_KINDS[notification.kind].email;
  const at = notification.at.toISOString();
  await insertNotifications(
    db,
    recipients.map((userId) => ({
      id: uuidv7(),
      org_id: notification.orgId,
      user_id: userId,
      kind: notification.kind,
      title: cut(notification.title, TITLE_MAX),
      body: notification.body == null ? null : cut(notification.body, BODY_MAX),
      link: notification.link ?? null,
      subject_type: notification.subject?.type ?? null,
      subject_id: notification.subject?.id ?? null,
      actor_id: notification.actorId,
      created_at: at,
      read_at: null,
      email_status: (choices.get(userId) ?? byDefault) ? 'pending' : null,
      emailed_at: null,
      email_error: null,
    })),
  );
  return recipients.length;
}
