/** The alignment tree of a cycle. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { cycleTreeSchema, okrIdParamsSchema } from '../../contracts/api/okrs.ts';
import { cycleTree } from '../../services/objectives/cycle-tree.ts';
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
      // The tree of a large cycle has tens of thousands of nodes; re-validating each through zod
      // would double the time to answer. The service's return type is the schema's type, so the
      // schema still documents the response and the compiler checks the shape.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return cycleTree({ connection, actor, now: now() }, request.params.id);
    },
  );
}
