/**
 * The notification centre: what a person is told in the app (and, per their settings, by
 * e-mail), the unread count, marking as read, and the per-kind e-mail settings.
 */
import { z } from 'zod';
import { pageQueryFields, pageSchema } from './page.ts';
import { personRefSchema } from './people.ts';

/** Every kind of notification, what the settings page calls it, and whether it e-mails by default. */
export const NOTIFICATION_KINDS = {
  mention: { label: 'Mentions of me in comments', email: true },
  answer: { label: 'Answers to my questions', email: true },
  reminder: { label: 'Reminders of check-ins and scores due', email: true },
  escalation: { label: 'Escalations of missed check-ins in my teams', email: true },
  announcement: { label: 'Announcements', email: true },
  approval: { label: 'Approvals of objectives', email: false },
  collaboration_request: { label: 'Collaboration requests to and from my teams', email: false },
  /** E-mail only: the weekly digest of my key results and what changed on what I follow. */
  digest: { label: 'Weekly digest e-mail', email: true },
} as const satisfies Record<string, { label: string; email: boolean }>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const notificationKindSchema = z.enum(
  Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]],
);

const orgSlug = z.string().min(1).max(100);
export const notificationParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });

export const notificationListQuerySchema = z.strictObject({
  ...pageQueryFields,
  unread: z.enum(['true', 'false']).optional().describe('`true`: only notifications not yet read.'),
});

export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  title: z.string(),
  body: z.string().nullable(),
  link: z
    .string()
    .nullable()
    .describe("A path in the web app under /orgs/{org}, e.g. '/objectives/{id}'."),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  actor: personRefSchema.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationPageSchema = pageSchema(notificationSchema).extend({
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const unreadCountSchema = z.object({ unreadCount: z.number().int() });

export const markedReadSchema = z.object({ marked: z.number().int() });

export const notificationSettingSchema = z.object({
  kind: notificationKindSchema,
  label: z.string(),
  email: z.boolean(),
  defaultEmail: z.boolean(),
});
export const notificationSettingsSchema = z.object({
  settings: z.array(notificationSettingSchema),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const updateNotificationSettingsBodySchema = z.strictObject({
  settings: z
    .array(z.strictObject({ kind: notificationKindSchema, email: z.boolean() }))
    .min(1)
    .max(Object.keys(NOTIFICATION_KINDS).length),
});
export type UpdateNotificationSettingsBody = z.infer<typeof updateNotificationSettingsBodySchema>;
