/** Initiatives of key results. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createInitiativeBodySchema,
  initiativePageSchema,
  initiativeSchema,
  listQuerySchema,
  objectParamsSchema,
  updateInitiativeBodySchema,
} from '../../contracts/api/collaboration.ts';
import {
  createInitiative,
  deleteInitiative,
  listInitiatives,
  updateInitiative,
} from '../../services/collaboration/initiatives.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['initiatives'];

export function registerInitiativesRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/key-results/:id/initiatives',
    {
      schema: {
        tags,
        summary: 'Initiatives of a key result',
        params: objectParamsSchema,
        querystring: listQuerySchema,
        response: { 200: initiativePageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listInitiatives({ connection, actor, now: now() }, request.params.id, {
        limit: request.query.limit,
        after: request.query.cursor,
      });
    },
  );

  r.post(
    '/api/v1/orgs/:org/key-results/:id/initiatives',
    {
      schema: {
        tags,
        summary: 'Add an initiative to a key result',
        params: objectParamsSchema,
        body: createInitiativeBodySchema,
        response: { 201: initiativeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const initiative = await createInitiative(
        { connection, actor, now: now() },
        request.params.id,
        request.body,
      );
      setEtag(reply, initiative.version);
      return reply.status(201).send(initiative);
    },
  );

  r.patch(
    '/api/v1/orgs/:org/initiatives/:id',
    {
      schema: {
        tags,
        summary: 'Change an initiative (send If-Match)',
        params: objectParamsSchema,
        body: updateInitiativeBodySchema,
        response: { 200: initiativeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const initiative = await updateInitiative(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, initiative.version);
      return initiative;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/initiatives/:id',
    {
      schema: {
        tags,
        summary: 'Delete an initiative (send If-Match)',
        params: objectParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await deleteInitiative(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
}
