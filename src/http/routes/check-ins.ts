/** Check-ins on a key result: record one, read the history. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  checkInCreateBodySchema,
  checkInCreatedSchema,
  checkInListQuerySchema,
  checkInListSchema,
  okrIdParamsSchema,
} from '../../contracts/api/okrs.ts';
import { checkIn } from '../../services/key-results/check-in.ts';
import { listCheckIns } from '../../services/key-results/list-check-ins.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

const tags = ['check-ins'];


export function registerCheckInsRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { connection, now } = context;

  api.post(
    '/api/v1/orgs/:org/key-results/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'Check in on a key result',
        description: "Answers with the check-in and the key result's and objective's new progress.",
        params: okrIdParamsSchema,
        body: checkInCreateBodySchema,
        response: { 201: checkInCreatedSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const created = await checkIn({ connection, actor, now: now() }, request.params.id, request.body);
      return reply.status(201).send(created);
    },
  );

  api.get(
    '/api/v1/orgs/:org/key-results/:id/check-ins',
    {
      schema: {
        tags,
        summary: "A key result's check-ins, newest first",
        params: okrIdParamsSchema,
        querystring: checkInListQuerySchema,
        response: { 200: checkInListSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listCheckIns({ connection, actor, now: now() }, request.params.id, { limit: request.query.limit, after: request.query.cursor });
    },
  );
}
