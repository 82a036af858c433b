/** Cycles and their lifecycle transitions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createCycleBodySchema,
  cycleListQuerySchema,
  cyclePageSchema,
  cycleParamsSchema,
  cycleSchema,
  transitionBodySchema,
  updateCycleBodySchema,
} from '../../contracts/api/cycles.ts';
import { orgParamsSchema } from '../../contracts/api/people.ts';
import { createCycle, updateCycle } from '../../services/cycles/change-cycle.ts';
import { getCycle, listCycles } from '../../services/cycles/cycles.ts';
import { transitionCycle } from '../../services/cycles/transition-cycle.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['cycles'];

export function registerCyclesRoutes(app: FastifyInstance, { connection, now }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/cycles',
    {
      schema: {
        tags,
        summary: 'List cycles (filter by status)',
        params: orgParamsSchema,
        querystring: cycleListQuerySchema,
        response: { 200: cyclePageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listCycles({ connection, actor, now: now() }, request.query);
    },
  );

  r.get(
    '/api/v1/orgs/:org/cycles/:id',
    {
      schema: {
        tags,
        summary: 'A cycle',
        params: cycleParamsSchema,
        response: { 200: cycleSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const cycle = await getCycle({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, cycle.version);
      return cycle;
    },
  );

  r.post(
    '/api/v1/orgs/:org/cycles',
    {
      schema: {
        tags,
        summary: 'Create a cycle (champions)',
        params: orgParamsSchema,
        body: createCycleBodySchema,
        response: { 201: cycleSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const cycle = await createCycle({ connection, actor, now: now() }, request.body);
      setEtag(reply, cycle.version);
      return reply.status(201).send(cycle);
    },
  );

  r.patch(
    '/api/v1/orgs/:org/cycles/:id',
    {
      schema: {
        tags,
        summary: 'Rename a cycle or move its dates (champions; send If-Match)',
        params: cycleParamsSchema,
        body: updateCycleBodySchema,
        response: { 200: cycleSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const cycle = await updateCycle(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, cycle.version);
      return cycle;
    },
  );

  r.post(
    '/api/v1/orgs/:org/cycles/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Move a cycle to its next status: planning → active → grading → closed, grading → active (champions; send If-Match). When the checks of the step have warnings, send acknowledge: true (409 listing them otherwise). Entering grading asks every owner to score their objectives.',
        params: cycleParamsSchema,
        body: transitionBodySchema,
        response: { 200: cycleSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const cycle = await transitionCycle(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body.to,
        request.body.acknowledge ?? false,
      );
      setEtag(reply, cycle.version);
      return cycle;
    },
  );
}
