/** The activity feed of an organisation. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  activityPageSchema,
  activityQuerySchema,
  orgOnlyParamsSchema,
} from '../../contracts/api/collaboration.ts';
import { activityFeed } from '../../services/collaboration/activity.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

export function registerActivityRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org/activity',
    {
      schema: {
        tags: ['activity'],
        summary:
          'What happened, newest first (optionally about one objective); only what you may read',
        params: orgOnlyParamsSchema,
        querystring: activityQuerySchema,
        response: { 200: activityPageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return activityFeed({ connection, actor, now: now() }, request.query);
    },
  );
}
