/** The OKR health dashboard of the organisation (champions and executives). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  healthParamsSchema,
  healthQuerySchema,
  healthSchemaView,
} from '../../contracts/api/health.ts';
import { organisationHealth } from '../../services/health/health.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

export function registerOkrHealthRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/orgs/:org/health',
    {
      schema: {
        tags: ['health'],
        summary:
          'The OKR health of a cycle: coverage per team, alignment gaps, check-in compliance per week, quality issues, at-risk and off-track objectives, progress and confidence distributions (champions, executives)',
        params: healthParamsSchema,
        querystring: healthQuerySchema,
        response: { 200: healthSchemaView },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return organisationHealth({ connection, actor, now: now() }, request.query);
    },
  );
}
