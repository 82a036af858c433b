/** The strategy tree of a cycle: themes → company objectives → aligned objectives. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgParamsSchema } from '../../contracts/api/people.ts';
import { strategyQuerySchema, strategySchema } from '../../contracts/api/strategy.ts';
import { strategyTree } from '../../services/strategy/strategy-tree.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

export function registerStrategyRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/strategy',
    {
      schema: {
        tags: ['organisation'],
        summary:
          'The strategy of a cycle: mission, vision, themes → company objectives → aligned objectives',
        description:
          'Each theme lists the company objectives tagged with its name, each with the objectives ' +
          'aligned to it; company objectives with no theme are in `untagged`. Every node has progress ' +
          'and status; private objectives you may not read are stubs in their place.',
        params: orgParamsSchema,
        querystring: strategyQuerySchema,
        response: { 200: strategySchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return strategyTree({ connection, actor, now: now() }, request.query.cycle);
    },
  );
}
