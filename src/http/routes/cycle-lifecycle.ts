/** Around a cycle's lifecycle: the checks before a step, carrying objectives over, score requests. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  carryOverBodySchema,
  carryOverCandidatesSchema,
  carryOverResultSchema,
  cycleParamsSchema,
  scoreRequestsSchema,
  transitionChecksQuerySchema,
  transitionChecksSchema,
} from '../../contracts/api/cycles.ts';
import { orgParamsSchema } from '../../contracts/api/people.ts';
import { carryOver, carryOverCandidates } from '../../services/cycles/carry-over.ts';
import { myScoreRequests } from '../../services/cycles/score-requests.ts';
import { transitionChecks } from '../../services/cycles/transition-checks.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

const tags = ['cycles'];

export function registerCycleLifecycleRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/cycles/:id/transition-checks',
    {
      schema: {
        tags,
        summary:
          'What to look at before moving a cycle to a status: teams without objectives, objectives without key results, owners to ask for scores, objectives without a confirmed score (champions)',
        params: cycleParamsSchema,
        querystring: transitionChecksQuerySchema,
        response: { 200: transitionChecksSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return transitionChecks(
        { connection, actor, now: now() },
        request.params.id,
        request.query.to,
      );
    },
  );

  r.get(
    '/api/v1/orgs/:org/cycles/:id/carry-over',
    {
      schema: {
        tags,
        summary:
          "A cycle's objectives you may read, each proposed for carrying over when unfinished, with the copies already made (champions)",
        params: cycleParamsSchema,
        response: { 200: carryOverCandidatesSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return carryOverCandidates({ connection, actor, now: now() }, request.params.id);
    },
  );

  r.post(
    '/api/v1/orgs/:org/cycles/:id/carry-over',
    {
      schema: {
        tags,
        summary:
          'Carry objectives of a cycle (usually in grading or closed) into a cycle in planning or active, as linked copies with their key results (champions)',
        params: cycleParamsSchema,
        body: carryOverBodySchema,
        response: { 201: carryOverResultSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const result = await carryOver(
        { connection, actor, now: now() },
        request.params.id,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/v1/orgs/:org/me/score-requests',
    {
      schema: {
        tags,
        summary: 'Score your objectives: what you were asked to score in cycles now in grading',
        params: orgParamsSchema,
        response: { 200: scoreRequestsSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return myScoreRequests({ connection, actor, now: now() });
    },
  );
}
