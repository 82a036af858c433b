/** A key result's data source (a JSON URL it is fetched from, or a push endpoint). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okrIdParamsSchema } from '../../contracts/api/okrs.ts';
import {
  createDataSourceBodySchema,
  createdDataSourceSchema,
  keyResultDataSourceSchema,
  pushBodySchema,
  pushParamsSchema,
  pushResultSchema,
} from '../../contracts/api/webhooks.ts';
import {
  connectDataSource,
  disconnectDataSource,
  fetchDataSourceNow,
  getDataSource,
} from '../../services/data-sources/data-sources.ts';
import { pushValue } from '../../services/data-sources/push.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['data sources'];

/** Where push sources post; authenticated by the source's own token, not a user's. */
export const PUSH_PREFIX = '/api/v1/integrations/push/';

export function registerDataSourcesRoutes(
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
    '/api/v1/orgs/:org/key-results/:id/data-source',
    {
      schema: {
        tags,
        summary: "A key result's data source and its state (null when it has none)",
        params: okrIdParamsSchema,
        response: { 200: keyResultDataSourceSchema },
      },
    },
    async (request, reply) => {
      const view = await getDataSource(await ctx(request), request.params.id);
      if (view.source) setEtag(reply, view.source.version);
      return view;
    },
  );

  r.post(
    '/api/v1/orgs/:org/key-results/:id/data-source',
    {
      schema: {
        tags,
        summary: 'Connect a data source: pull (a JSON URL, a JSON Pointer, a schedule) or push',
        description:
          'A push source answers with its bearer token once. Who may edit the key result may ' +
          'connect one; every value becomes a check-in with source "integration".',
        params: okrIdParamsSchema,
        body: createDataSourceBodySchema,
        response: { 201: createdDataSourceSchema },
      },
    },
    async (request, reply) => {
      const created = await connectDataSource(await ctx(request), request.params.id, request.body);
      setEtag(reply, created.version);
      return reply.status(201).send(created);
    },
  );

  r.delete(
    '/api/v1/orgs/:org/key-results/:id/data-source',
    {
      schema: {
        tags,
        summary: 'Disconnect the data source (send If-Match); its check-ins stay',
        params: okrIdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const c = await ctx(request);
      await disconnectDataSource(c, request.params.id, expectedVersion(request));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/orgs/:org/key-results/:id/data-source/fetch',
    {
      schema: {
        tags,
        summary: 'Fetch a pull source now; answers with its state after the fetch',
        params: okrIdParamsSchema,
        response: { 200: keyResultDataSourceSchema },
      },
    },
    async (request) => fetchDataSourceNow(await ctx(request), request.params.id),
  );

  r.post(
    `${PUSH_PREFIX}:sourceId`,
    {
      schema: {
        tags,
        summary: 'Push a value to a push data source (Authorization: Bearer <its token>)',
        params: pushParamsSchema,
        body: pushBodySchema,
        response: { 201: pushResultSchema },
      },
    },
    async (request, reply) => {
      const result = await pushValue(
        connection,
        request.params.sourceId,
        request.headers.authorization,
        request.body,
        now(),
      );
      return reply.status(201).send(result);
    },
  );
}
