/** Dependencies between key results, across teams. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDependencyBodySchema,
  dependencyListQuerySchema,
  dependencyPageSchema,
  dependencySchema,
  objectParamsSchema,
  orgOnlyParamsSchema,
  updateDependencyBodySchema,
} from '../../contracts/api/collaboration.ts';
import {
  deleteDependency,
  updateDependency,
} from '../../services/collaboration/change-dependency.ts';
import { createDependency, listDependencies } from '../../services/collaboration/dependencies.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['dependencies'];

export function registerDependenciesRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/dependencies',
    {
      schema: {
        tags,
        summary: 'Dependencies (filter by key result, team, status)',
        params: orgOnlyParamsSchema,
        querystring: dependencyListQuerySchema,
        response: { 200: dependencyPageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listDependencies({ connection, actor, now: now() }, request.query);
    },
  );

  r.post(
    '/api/v1/orgs/:org/dependencies',
    {
      schema: {
        tags,
        summary: 'Record that a key result depends on another',
        description:
          'Any two key results of the organisation, across teams, with an optional note and needed-by date. A dependency that would close a loop answers 409 `dependency_loop` naming the loop. While it is open, a key result at risk or off track puts the one depending on it — and everything depending on that, transitively — at risk through a dependency (`dependencyRisk` on key results).',
        params: orgOnlyParamsSchema,
        body: createDependencyBodySchema,
        response: { 201: dependencySchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const dependency = await createDependency({ connection, actor, now: now() }, request.body);
      setEtag(reply, dependency.version);
      return reply.status(201).send(dependency);
    },
  );

  r.patch(
    '/api/v1/orgs/:org/dependencies/:id',
    {
      schema: {
        tags,
        summary: 'Change or resolve a dependency (send If-Match)',
        params: objectParamsSchema,
        body: updateDependencyBodySchema,
        response: { 200: dependencySchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const dependency = await updateDependency(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, dependency.version);
      return dependency;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/dependencies/:id',
    {
      schema: {
        tags,
        summary: 'Delete a dependency (send If-Match)',
        params: objectParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await deleteDependency(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
}
