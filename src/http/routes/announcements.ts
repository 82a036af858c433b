/** Announcements, acknowledgements and understanding (who has read and understood, by team). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgementSchema,
  announcementListQuerySchema,
  announcementOrgParamsSchema,
  announcementPageSchema,
  announcementParamsSchema,
  announcementSchema,
  createAnnouncementBodySchema,
  objectiveUnderstandingQuerySchema,
  objectiveUnderstandingSchema,
  reminderResultSchema,
  understandingSchema,
  updateAnnouncementBodySchema,
} from '../../contracts/api/announcements.ts';
import {
  acknowledgeAnnouncement,
  getAnnouncement,
  listAnnouncements,
  publishAnnouncement,
  updateAnnouncement,
  withdrawAnnouncement,
} from '../../services/announcements/announcements.ts';
import {
  announcementUnderstanding,
  objectiveUnderstanding,
  remindAnnouncement,
} from '../../services/announcements/understanding.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['announcements'];

export function registerAnnouncementsRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = async (request: Parameters<typeof orgActor>[1]) => ({
    connection,
    actor: (await orgActor(connection, request)).actor,
    now: now(),
  });

  r.get(
    '/api/v1/orgs/:org/announcements',
    {
      schema: {
        tags,
        summary:
          'Announcements addressed to you (every one for executives and champions), newest first',
        params: announcementOrgParamsSchema,
        querystring: announcementListQuerySchema,
        response: { 200: announcementPageSchema },
      },
    },
    async (request) =>
      listAnnouncements(await ctx(request), {
        pending: request.query.pending === 'true',
        limit: request.query.limit,
        after: request.query.cursor,
      }),
  );

  r.post(
    '/api/v1/orgs/:org/announcements',
    {
      schema: {
        tags,
        summary:
          'Publish an announcement (Markdown) with its rationale to the organisation or to teams',
        description:
          'Every recipient is notified (kind `announcement`). Executives and champions only.',
        params: announcementOrgParamsSchema,
        body: createAnnouncementBodySchema,
        response: { 201: announcementSchema },
      },
    },
    async (request, reply) => {
      const announcement = await publishAnnouncement(await ctx(request), request.body);
      setEtag(reply, announcement.version);
      return reply.status(201).send(announcement);
    },
  );

  r.get(
    '/api/v1/orgs/:org/announcements/:id',
    {
      schema: {
        tags,
        summary: 'An announcement, with whether you acknowledged it',
        params: announcementParamsSchema,
        response: { 200: announcementSchema },
      },
    },
    async (request, reply) => {
      const announcement = await getAnnouncement(await ctx(request), request.params.id);
      setEtag(reply, announcement.version);
      return announcement;
    },
  );

  r.patch(
    '/api/v1/orgs/:org/announcements/:id',
    {
      schema: {
        tags,
        summary: "Edit an announcement's title, text, rationale or objectives (send If-Match)",
        params: announcementParamsSchema,
        body: updateAnnouncementBodySchema,
        response: { 200: announcementSchema },
      },
    },
    async (request, reply) => {
      const announcement = await updateAnnouncement(
        await ctx(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, announcement.version);
      return announcement;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/announcements/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw an announcement (send If-Match); who acknowledged it is kept',
        params: announcementParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await withdrawAnnouncement(await ctx(request), request.params.id, expectedVersion(request));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/orgs/:org/announcements/:id/acknowledgement',
    {
      schema: {
        tags,
        summary:
          '"I have read and understood": acknowledge an announcement addressed to you (once)',
        params: announcementParamsSchema,
        response: { 200: acknowledgementSchema },
      },
    },
    async (request) => acknowledgeAnnouncement(await ctx(request), request.params.id),
  );

  r.get(
    '/api/v1/orgs/:org/announcements/:id/understanding',
    {
      schema: {
        tags,
        summary: 'Acknowledgement rate overall and by team, and who has not acknowledged',
        params: announcementParamsSchema,
        response: { 200: understandingSchema },
      },
    },
    async (request) => announcementUnderstanding(await ctx(request), request.params.id),
  );

  r.post(
    '/api/v1/orgs/:org/announcements/:id/reminders',
    {
      schema: {
        tags,
        summary:
          'Remind everyone who has not acknowledged (at most once every 24 hours; 409 otherwise)',
        params: announcementParamsSchema,
        response: { 200: reminderResultSchema },
      },
    },
    async (request) => remindAnnouncement(await ctx(request), request.params.id),
  );

  r.get(
    '/api/v1/orgs/:org/understanding/objectives',
    {
      schema: {
        tags,
        summary:
          'Per company objective: the share of people, by team, who acknowledged an announcement about it',
        params: announcementOrgParamsSchema,
        querystring: objectiveUnderstandingQuerySchema,
        response: { 200: objectiveUnderstandingSchema },
      },
    },
    async (request) => objectiveUnderstanding(await ctx(request), request.query.cycleId),
  );
}
