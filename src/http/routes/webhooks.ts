/** Webhook endpoints of an organisation (its admins'), their deliveries, test events, redelivery. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listQuerySchema,
  objectParamsSchema,
  orgOnlyParamsSchema,
} from '../../contracts/api/collaboration.ts';
import {
  createdWebhookEndpointSchema,
  createWebhookBodySchema,
  updateWebhookBodySchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
} from '../../contracts/api/webhooks.ts';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  sendTestEvent,
  updateEndpoint,
} from '../../services/webhooks/endpoints.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['webhooks'];

export function registerWebhooksRoutes(
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
    '/api/v1/orgs/:org/webhooks',
    {
      schema: {
        tags,
        summary: "The organisation's webhook endpoints (admins)",
        params: orgOnlyParamsSchema,
        response: { 200: webhookEndpointListSchema },
      },
    },
    async (request) => listEndpoints(await ctx(request)),
  );

  r.post(
    '/api/v1/orgs/:org/webhooks',
    {
      schema: {
        tags,
        summary: 'Register a webhook endpoint (admins); the answer shows its signing secret once',
        description:
          'Deliveries are POSTed as JSON with X-OKR-Event, X-OKR-Delivery, X-OKR-Timestamp and ' +
          'X-OKR-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" under the secret>.',
        params: orgOnlyParamsSchema,
        body: createWebhookBodySchema,
        response: { 201: createdWebhookEndpointSchema },
      },
    },
    async (request, reply) => {
      const created = await createEndpoint(await ctx(request), request.body);
      setEtag(reply, created.version);
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/v1/orgs/:org/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'A webhook endpoint (admins)',
        params: objectParamsSchema,
        response: { 200: webhookEndpointSchema },
      },
    },
    async (request, reply) => {
      const endpoint = await getEndpoint(await ctx(request), request.params.id);
      setEtag(reply, endpoint.version);
      return endpoint;
    },
  );

  r.patch(
    '/api/v1/orgs/:org/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a webhook endpoint: URL, events, description, active (send If-Match)',
        params: objectParamsSchema,
        body: updateWebhookBodySchema,
        response: { 200: webhookEndpointSchema },
      },
    },
    async (request, reply) => {
      const c = await ctx(request);
      const endpoint = await updateEndpoint(
        c,
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, endpoint.version);
      return endpoint;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webhook endpoint and its deliveries (send If-Match)',
        params: objectParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const c = await ctx(request);
      await deleteEndpoint(c, request.params.id, expectedVersion(request));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/orgs/:org/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: "A webhook endpoint's deliveries with their responses, newest first",
        params: objectParamsSchema,
        querystring: listQuerySchema,
        response: { 200: webhookDeliveryPageSchema },
      },
    },
    async (request) =>
      listDeliveries(await ctx(request), request.params.id, {
        limit: request.query.limit,
        after: request.query.cursor,
      }),
  );

  r.post(
    '/api/v1/orgs/:org/webhooks/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test event (webhook.test) to this endpoint',
        params: objectParamsSchema,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) => {
      const delivery = await sendTestEvent(await ctx(request), request.params.id);
      return reply.status(202).send(delivery);
    },
  );

  r.post(
    '/api/v1/orgs/:org/webhook-deliveries/:id/redeliver',
    {
      schema: {
        tags,
        summary: 'Send a finished delivery again (a fresh count of attempts)',
        params: objectParamsSchema,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) => {
      const delivery = await redeliver(await ctx(request), request.params.id);
      return reply.status(202).send(delivery);
    },
  );
}
