/** Key results: add to an objective, read, change, delete. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  keyResultCreateBodySchema,
  keyResultSchema,
  keyResultUpdateBodySchema,
  okrIdParamsSchema,
} from '../../contracts/api/okrs.ts';
import { createKeyResult } from '../../services/key-results/create-key-result.ts';
import { deleteKeyResult } from '../../services/key-results/delete-key-result.ts';
import { getKeyResult } from '../../services/key-results/get-key-result.ts';
import { updateKeyResult } from '../../services/key-results/update-key-result.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['key results'];
const IF_MATCH = 'Send If-Match with the ETag of the key result you last received (428 without it, 412 when stale).';


export function registerKeyResultsRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { connection, now } = context;

  api.post(
    '/api/v1/orgs/:org/objectives/:id/key-results',
    {
      schema: {
        tags,
        summary: 'Add a key result to an objective',
        description: 'Currency key results need a currency; milestones run from 0 (not done) to 1 (done); a null target means baseline first.',
        params: okrIdParamsSchema,
        body: keyResultCreateBodySchema,
        response: { 201: keyResultSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const keyResult = await createKeyResult({ connection, actor, now: now() }, request.params.id, request.body);
      setEtag(reply, keyResult.version);
      return reply.status(201).send(keyResult);
    },
  );

  api.get(
    '/api/v1/orgs/:org/key-results/:id',
    { schema: { tags, summary: 'Read a key result', params: okrIdParamsSchema, response: { 200: keyResultSchema } } },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const keyResult = await getKeyResult({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, keyResult.version);
      return keyResult;
    },
  );

  api.patch(
    '/api/v1/orgs/:org/key-results/:id',
    {
      schema: {
        tags,
        summary: 'Change a key result (the current value changes through check-ins)',
        description: IF_MATCH,
        params: okrIdParamsSchema,
        body: keyResultUpdateBodySchema,
        response: { 200: keyResultSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const keyResult = await updateKeyResult({ connection, actor, now: now() }, request.params.id, version, request.body);
      setEtag(reply, keyResult.version);
      return keyResult;
    },
  );

  api.delete(
    '/api/v1/orgs/:org/key-results/:id',
    { schema: { tags, summary: 'Delete a key result with its check-ins', description: IF_MATCH, params: okrIdParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      await deleteKeyResult({ connection, actor, now: now() }, request.params.id, version);
      return reply.status(204).send(null);
    },
  );
}
