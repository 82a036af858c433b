/** The alignment tree of a cycle. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { cycleTreeSchema, okrIdParamsSchema } from '../../contracts/api/okrs.ts';
import { cycleTree } from '../../services/objectives/cycle-tree.ts';
import { readThrough } from '../../db/read-cache.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

export function registerTreeRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { connection, now } = context;

  api.get(
    '/api/v1/orgs/:org/cycles/:id/tree',
    {
      schema: {
        tags: ['objectives'],
        summary: 'The alignment tree of a cycle with progress and health',
        description: 'Every objective of the cycle as a node; private objectives you may not read are stubs.',
        params: okrIdParamsSchema,
        response: { 200: cycleTreeSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const { id } = request.params;
      // The tree of a large cycle is megabytes of JSON: it is kept serialized, and rebuilt only
      // after something was written (the read cache compares the database's data version). The
      // response schema documents it; the service's return type is the schema's type.
      const json = await readThrough(
        connection,
        `tree ${actor.orgId} ${actor.userId} ${id}`,
        async () => JSON.stringify(await cycleTree({ connection, actor, now: now() }, id)),
        (body) => body.length,
      );
      // A string with a JSON content type goes out as it is, without the route's serializer.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );
}
