/** The strategy tree of a cycle: themes → company objectives → aligned objectives. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgParamsSchema } from '../../contracts/api/people.ts';
import { strategyQuerySchema, strategySchema } from '../../contracts/api/strategy.ts';
import { readThrough, readThroughRefreshing } from '../../db/read-cache.ts';
import { can, listScope } from '../../policy/policy.ts';
import { CYCLE_TREE_TABLES, PRIVATE_READ_TABLES, privateReadKey } from '../../repositories/tree.ts';
import {
  refreshStrategyProgress,
  strategyCycle,
  strategyTree,
} from '../../services/strategy/strategy-tree.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

/** What the strategy reads: the cycle's tree, the themes and the objectives' tags. */
const STRATEGY_TABLES = [...CYCLE_TREE_TABLES, 'themes', 'objective_tags'] as const;

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
      const ctx = { connection, actor, now: now() };
      const cycle = await strategyCycle(ctx, request.query.cycle);
      if (!cycle) return strategyTree(ctx, null);
      // As the alignment tree (routes/tree.ts): kept until something it shows is written, and
      // after check-ins patched from one read of the cycle's progress. People who may read the
      // same private objectives, with the same right to edit the strategy, share one copy.
      const scope = listScope(actor);
      const reads = await readThrough(
        connection,
        `tree-reads ${actor.orgId} ${actor.userId} ${cycle.id}`,
        () => privateReadKey(connection.db, scope, cycle.id),
        (key) => 64 + key.length,
        PRIVATE_READ_TABLES,
      );
      const editor = can(actor, 'theme.manage', { type: 'organisation' });
      return readThroughRefreshing(
        connection,
        `strategy ${actor.orgId} ${cycle.id} ${reads} ${editor}`,
        {
          tables: STRATEGY_TABLES,
          build: () => strategyTree(ctx, cycle),
          refresh: (view) => refreshStrategyProgress(ctx, view),
          // Roughly its JSON size: a few hundred bytes a node.
          weight: (view) =>
            2_000 +
            300 *
              [...view.themes, view.untagged].reduce(
                (n, g) => n + g.objectives.reduce((m, o) => m + 1 + o.aligned.length, 0),
                0,
              ),
        },
      );
    },
  );
}
