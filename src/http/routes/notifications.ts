/** The caller's notification centre: notifications, unread count, read marks, e-mail settings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  markedReadSchema,
  notificationListQuerySchema,
  notificationPageSchema,
  notificationParamsSchema,
  notificationSchema,
  notificationSettingsSchema,
  unreadCountSchema,
  updateNotificationSettingsBodySchema,
} from '../../contracts/api/notifications.ts';
import {
  listNotifications,
  markAllRead,
  markRead,
  notificationSettings,
  unreadCount,
  updateNotificationSettings,
} from '../../services/notifications/notifications.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

const tags = ['notifications'];
const orgParams = z.strictObject({ org: z.string().min(1).max(100) });

export function registerNotificationsRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/me/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        params: orgParams,
        querystring: notificationListQuerySchema,
        response: { 200: notificationPageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listNotifications(
        { connection, actor, now: now() },
        {
          unread: request.query.unread === 'true',
          limit: request.query.limit,
          after: request.query.cursor,
        },
      );
    },
  );

  r.get(
    '/api/v1/orgs/:org/me/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of your notifications are unread',
        params: orgParams,
        response: { 200: unreadCountSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return { unreadCount: await unreadCount({ connection, actor, now: now() }) };
    },
  );

  r.post(
    '/api/v1/orgs/:org/me/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: notificationParamsSchema,
        response: { 200: notificationSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return markRead({ connection, actor, now: now() }, request.params.id);
    },
  );

  r.post(
    '/api/v1/orgs/:org/me/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        params: orgParams,
        response: { 200: markedReadSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return { marked: await markAllRead({ connection, actor, now: now() }) };
    },
  );

  r.get(
    '/api/v1/orgs/:org/me/notification-settings',
    {
      schema: {
        tags,
        summary: 'Which kinds of notification also come to you by e-mail',
        params: orgParams,
        response: { 200: notificationSettingsSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return notificationSettings({ connection, actor, now: now() });
    },
  );

  r.put(
    '/api/v1/orgs/:org/me/notification-settings',
    {
      schema: {
        tags,
        summary: 'Choose which kinds of notification also come to you by e-mail',
        params: orgParams,
        body: updateNotificationSettingsBodySchema,
        response: { 200: notificationSettingsSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return updateNotificationSettings({ connection, actor, now: now() }, request.body);
    },
  );
}
