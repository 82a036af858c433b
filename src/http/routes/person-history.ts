/** A person's history across cycles: their check-ins and their objectives' progress and scores. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  personHistoryParamsSchema,
  personHistoryQuerySchema,
  personHistorySchema,
} from '../../contracts/api/restructuring.ts';
import { personHistory } from '../../services/people/person-history.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

export function registerPersonHistoryRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org/people/:userId/history',
    {
      schema: {
        tags: ['members'],
        summary: "A person's history: check-ins and objectives (progress, score) across cycles",
        description: 'Private objectives you may not read, and check-ins under them, are left out.',
        params: personHistoryParamsSchema,
        querystring: personHistoryQuerySchema,
        response: { 200: personHistorySchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return personHistory(
        { connection, actor, now: now() },
        request.params.userId,
        request.query.limit,
      );
    },
  );
}
