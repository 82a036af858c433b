/** Restructuring: move a key result to another objective, move an objective, duplicate one. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  keyResultSchema,
  objectiveDetailSchema,
  okrIdParamsSchema,
} from '../../contracts/api/okrs.ts';
import {
  keyResultMoveBodySchema,
  objectiveDuplicateBodySchema,
  objectiveMoveBodySchema,
} from '../../contracts/api/restructuring.ts';
import { duplicateObjective } from '../../services/restructuring/duplicate-objective.ts';
import { moveKeyResult } from '../../services/restructuring/move-key-result.ts';
import { moveObjective } from '../../services/restructuring/move-objective.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['restructuring'];

export function registerRestructuringRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/orgs/:org/key-results/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a key result, with its check-ins, to another objective of its cycle',
        description:
          'Send If-Match with the ETag of the key result (428 without it, 412 when stale). Judged on both objectives; ' +
          'progress of both is recomputed and the move is audited.',
        params: okrIdParamsSchema,
        body: keyResultMoveBodySchema,
        response: { 200: keyResultSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const keyResult = await moveKeyResult(
        { connection, actor, now: now() },
        request.params.id,
        version,
        request.body,
      );
      setEtag(reply, keyResult.version);
      return keyResult;
    },
  );

  api.post(
    '/api/v1/orgs/:org/objectives/:id/move',
    {
      schema: {
        tags,
        summary:
          'Move an objective to another cycle or team (its key results and check-ins go with it)',
        description:
          'Send If-Match with the ETag of the objective (428 without it, 412 when stale). A move that would break an ' +
          'alignment answers 409 conflict unless parentIds replaces the parents.',
        params: okrIdParamsSchema,
        body: objectiveMoveBodySchema,
        response: { 200: objectiveDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const objective = await moveObjective(
        { connection, actor, now: now() },
        request.params.id,
        version,
        request.body,
      );
      setEtag(reply, objective.version);
      return objective;
    },
  );

  api.post(
    '/api/v1/orgs/:org/objectives/:id/duplicate',
    {
      schema: {
        tags,
        summary:
          'Copy an objective with its key results (without their check-ins), into its cycle or another',
        description: 'The copy is judged as a new objective of the same level, owner and team.',
        params: okrIdParamsSchema,
        body: objectiveDuplicateBodySchema,
        response: { 201: objectiveDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const objective = await duplicateObjective(
        { connection, actor, now: now() },
        request.params.id,
        request.body,
      );
      setEtag(reply, objective.version);
      return reply.status(201).send(objective);
    },
  );
}
