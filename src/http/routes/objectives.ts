/** Objectives: list and search, create, read, change, delete, alignment to parents, and "my OKRs". */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alignmentParamsSchema,
  myOkrsQuerySchema,
  myOkrsSchema,
  objectiveCreateBodySchema,
  objectiveDetailSchema,
  objectiveListQuerySchema,
  objectiveListSchema,
  objectiveUpdateBodySchema,
  okrIdParamsSchema,
  okrOrgParamsSchema,
  objectiveReadQuerySchema,
} from '../../contracts/api/okrs.ts';
import { alignObjective, unalignObjective } from '../../services/objectives/align-objective.ts';
import { createObjective } from '../../services/objectives/create-objective.ts';
import { deleteObjective } from '../../services/objectives/delete-objective.ts';
import { getObjective } from '../../services/objectives/get-objective.ts';
import { listObjectives } from '../../services/objectives/list-objectives.ts';
import { myOkrs } from '../../services/objectives/my-okrs.ts';
import { updateObjective } from '../../services/objectives/update-objective.ts';
import { getObjectiveAsOf, listObjectivesAsOf } from '../../services/time-travel/objectives-as-of.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['objectives'];
const IF_MATCH = 'Send If-Match with the ETag of the objective you last received (428 without it, 412 when stale).';


export function registerObjectivesRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { connection, now } = context;

  api.get(
    '/api/v1/orgs/:org/objectives',
    {
      schema: {
        tags,
        summary: 'List and search objectives',
        description:
          'Filters combine; private objectives you may not read are left out. Pages follow creation order. ' +
          'With asOf (and cycle): the cycle as it was then, read-only (time travel).',
        params: okrOrgParamsSchema,
        querystring: objectiveListQuerySchema,
        response: { 200: objectiveListSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      const { asOf } = request.query;
      if (asOf !== undefined) return listObjectivesAsOf({ connection, actor, now: now() }, { ...request.query, asOf });
      return listObjectives({ connection, actor, now: now() }, request.query);
    },
  );

  api.post(
    '/api/v1/orgs/:org/objectives',
    {
      schema: {
        tags,
        summary: 'Create an objective (optionally aligned, with its first key results)',
        params: okrOrgParamsSchema,
        body: objectiveCreateBodySchema,
        response: { 201: objectiveDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const objective = await createObjective({ connection, actor, now: now() }, request.body);
      setEtag(reply, objective.version);
      return reply.status(201).send(objective);
    },
  );

  api.get(
    '/api/v1/orgs/:org/objectives/:id',
    {
      schema: {
        tags,
        summary: 'Read an objective with its key results, alignment and your abilities',
        description:
          'With asOf: the objective as it was then (time travel), read-only, without an ETag; 404 when it did not exist yet.',
        params: okrIdParamsSchema,
        querystring: objectiveReadQuerySchema,
        response: { 200: objectiveDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      if (request.query.asOf !== undefined) {
        return getObjectiveAsOf({ connection, actor, now: now() }, request.params.id, request.query.asOf);
      }
      const objective = await getObjective({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, objective.version);
      return objective;
    },
  );

  api.patch(
    '/api/v1/orgs/:org/objectives/:id',
    {
      schema: {
        tags,
        summary: 'Change an objective',
        description: IF_MATCH,
        params: okrIdParamsSchema,
        body: objectiveUpdateBodySchema,
        response: { 200: objectiveDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const objective = await updateObjective({ connection, actor, now: now() }, request.params.id, version, request.body);
      setEtag(reply, objective.version);
      return objective;
    },
  );

  api.delete(
    '/api/v1/orgs/:org/objectives/:id',
    {
      schema: { tags, summary: 'Delete an objective with its key results', description: IF_MATCH, params: okrIdParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      await deleteObjective({ connection, actor, now: now() }, request.params.id, version);
      return reply.status(204).send(null);
    },
  );

  api.put(
    '/api/v1/orgs/:org/objectives/:id/parents/:parentId',
    {
      schema: {
        tags,
        summary: 'Align an objective to a parent objective',
        description: `${IF_MATCH} A loop answers 409 alignment_loop with the path.`,
        params: alignmentParamsSchema,
        response: { 200: objectiveDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const objective = await alignObjective({ connection, actor, now: now() }, request.params.id, request.params.parentId, version);
      setEtag(reply, objective.version);
      return objective;
    },
  );

  api.delete(
    '/api/v1/orgs/:org/objectives/:id/parents/:parentId',
    {
      schema: {
        tags,
        summary: 'Remove the alignment of an objective to a parent objective',
        description: IF_MATCH,
        params: alignmentParamsSchema,
        response: { 200: objectiveDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const version = expectedVersion(request);
      const objective = await unalignObjective({ connection, actor, now: now() }, request.params.id, request.params.parentId, version);
      setEtag(reply, objective.version);
      return objective;
    },
  );

  api.get(
    '/api/v1/orgs/:org/me/okrs',
    {
      schema: {
        tags,
        summary: 'My objectives and key results in a cycle, key results due for a check-in first',
        params: okrOrgParamsSchema,
        querystring: myOkrsQuerySchema,
        response: { 200: myOkrsSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return myOkrs({ connection, actor, now: now() }, request.query.cycle);
    },
  );
}
