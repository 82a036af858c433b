/** A key result's forecast: its trend projected to the cycle end, with the points behind it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { keyResultForecastSchema } from '../../contracts/api/forecasts.ts';
import { okrIdParamsSchema } from '../../contracts/api/okrs.ts';
import { getKeyResultForecast } from '../../services/key-results/forecast.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

export function registerForecastsRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org/key-results/:id/forecast',
    {
      schema: {
        tags: ['key results'],
        summary: "A key result's forecast to the cycle end",
        description:
          "A least-squares line over the start value at the cycle's start and every check-in, projected to the cycle's end (clamped), with `disagreement` when it contradicts the owner's confidence, and the check-ins it was fitted to.",
        params: okrIdParamsSchema,
        response: { 200: keyResultForecastSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return getKeyResultForecast({ connection, actor, now: now() }, request.params.id);
    },
  );
}
