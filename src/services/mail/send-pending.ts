/**
 * The job that sends notifications by e-mail: each pending one is claimed, sent over SMTP and
 * marked `sent`, or put back as pending with its error to be tried again on a later run, and
 * marked `failed` after MAX_ATTEMPTS. When e-mail is off it does nothing (they stay pending).
 */
import { NOTIFICATION_KINDS, type NotificationKind } from '../../contracts/api/notifications.ts';
import {
  claimEmail,
  pendingEmails,
  settleEmail,
  type PendingEmail,
} from '../../repositories/notification-emails.ts';
import type { Job, JobContext } from '../jobs/scheduler.ts';
import { escapeHtml, type MailMessage } from './mailer.ts';

export const MAX_ATTEMPTS = 3;
const BATCH = 100;

/** The e-mail for one notification: its title as subject, its body and the link into the app. */
export function notificationEmail(notification: PendingEmail, publicUrl: string): MailMessage {
  const link = `${publicUrl}/orgs/${encodeURIComponent(notification.org_slug)}${notification.link ?? '/notifications'}`;
  const settings = `${publicUrl}/orgs/${encodeURIComponent(notification.org_slug)}/account`;
  const kind = NOTIFICATION_KINDS[notification.kind as NotificationKind]?.label ?? 'Notifications';
  const body = notification.body ?? '';
  return {
    to: notification.to_email,
    subject: notification.title,
    text: [
      `Hello ${notification.to_name},`,
      '',
      notification.title,
      ...(body ? ['', body] : []),
      '',
      `Open it: ${link}`,
      '',
      `— OKR Wizard, ${notification.org_name}. You get this by e-mail because of your setting "${kind}": ${settings}`,
    ].join('\n'),
    html: [
      `<p>Hello ${escapeHtml(notification.to_name)},</p>`,
      `<p><strong>${escapeHtml(notification.title)}</strong></p>`,
      ...(body ? [`<p>${escapeHtml(body).replaceAll('\n', '<br>')}</p>`] : []),
      `<p><a href="${escapeHtml(link)}">Open it in OKR Wizard</a></p>`,
      `<p style="color:#666;font-size:12px">${escapeHtml(notification.org_name)} · you get this because of your setting “${escapeHtml(kind)}”. <a href="${escapeHtml(settings)}">Change your e-mail settings</a></p>`,
    ].join('\n'),
  };
}

/** Sends what is pending; answers how many were sent. */
export async function sendPendingEmails(ctx: JobContext): Promise<number> {
  if (!ctx.mailer.enabled) return 0;
  const { db } = ctx.connection;
  let sent = 0;
  for (const notification of await pendingEmails(db, BATCH)) {
    if (!(await claimEmail(db, notification.id))) continue;
    const attempts = notification.email_attempts + 1;
    try {
      await ctx.mailer.send(notificationEmail(notification, ctx.publicUrl));
      await settleEmail(db, notification.id, {
        status: 'sent',
        at: ctx.now.toISOString(),
        error: null,
      });
      sent += 1;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
      await settleEmail(db, notification.id, {
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
        at: ctx.now.toISOString(),
        error: message,
      });
      ctx.log(`e-mail of notification ${notification.id} (attempt ${attempts}) failed: ${message}`);
    }
  }
  return sent;
}

export const sendEmailsJob: Job = {
  name: 'send-emails',
  everyMs: 5_000,
  leaseMs: 2 * 60_000,
  run: async (ctx) => {
    await sendPendingEmails(ctx);
  },
};
