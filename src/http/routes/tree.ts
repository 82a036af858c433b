/** The alignment tree of a cycle. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { cycleTreeSchema, okrIdParamsSchema } from '../../contracts/api/okrs.ts';
import type { CycleTreeView } from '../../contracts/api/okrs.ts';
import { readThrough, readThroughRefreshing } from '../../db/read-cache.ts';
import { listScope } from '../../policy/policy.ts';
import { CYCLE_TREE_TABLES, PRIVATE_READ_TABLES, privateReadKey } from '../../repositories/tree.ts';
import { cycleTree, refreshCycleTreeProgress } from '../../services/objectives/cycle-tree.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

/** The tree with its JSON (kept together so that a refresh can patch the view and re-serialize). */
function serialized(view: CycleTreeView): { view: CycleTreeView; json: string } {
  return { view, json: JSON.stringify(view) };
}

export function registerTreeRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { connection, now } = context;

  api.get(
    '/api/v1/orgs/:org/cycles/:id/tree',
    {
      schema: {
        tags: ['objectives'],
        summary: 'The alignment tree of a cycle with progress and health',
        description:
          'Every objective of the cycle as a node; private objectives you may not read are stubs.',
        params: okrIdParamsSchema,
        response: { 200: cycleTreeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const { id } = request.params;
      // The tree of a large cycle is megabytes of JSON: it is kept serialized, and rebuilt only
      // after something it shows was written (the read cache compares the versions of the
      // tables it reads); after check-ins, which change only progress and health, it is patched
      // from one read of the cycle's progress. The response schema documents it; the service's
      // return type is the schema's type.
      // People who may read the same private objectives of the cycle (most people: none of
      // them) see the same tree, so they share one copy of it.
      const ctx = { connection, actor, now: now() };
      const scope = listScope(actor);
      const reads = await readThrough(
        connection,
        `tree-reads ${actor.orgId} ${actor.userId} ${id}`,
        () => privateReadKey(connection.db, scope, id),
        (key) => 64 + key.length,
        PRIVATE_READ_TABLES,
      );
      const { json } = await readThroughRefreshing(
        connection,
        `tree ${actor.orgId} ${id} ${reads}`,
        {
          tables: CYCLE_TREE_TABLES,
          build: async () => serialized(await cycleTree(ctx, id)),
          refresh: async ({ view }) => serialized(await refreshCycleTreeProgress(ctx, view)),
          weight: ({ json }) => 3 * json.length,
        },
      );
      // A string with a JSON content type goes out as it is, without the route's serializer.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );
}
