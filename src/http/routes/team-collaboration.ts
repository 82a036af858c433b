/** Collaboration between teams: requests for help (ask, accept, decline) and the cross-team map. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgOnlyParamsSchema } from '../../contracts/api/collaboration.ts';
import {
  acceptRequestBodySchema,
  collaborationRequestPageSchema,
  collaborationRequestSchema,
  createRequestBodySchema,
  crossTeamMapQuerySchema,
  crossTeamMapSchema,
  declineRequestBodySchema,
  requestListQuerySchema,
  requestParamsSchema,
} from '../../contracts/api/shared-objectives.ts';
import { acceptRequest, declineRequest } from '../../services/collaboration/answer-request.ts';
import { crossTeamMap } from '../../services/collaboration/cross-team-map.ts';
import { createRequest, getRequest, listRequests } from '../../services/collaboration/requests.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['collaboration'];

export function registerTeamCollaborationRoutes(
  app: FastifyInstance,
  { connection, now }: AppContext,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/collaboration-requests',
    {
      schema: {
        tags,
        summary: "Collaboration requests (a team's inbox and outbox)",
        description:
          'Requests on objectives the caller may read, newest first. With `teamId`, `direction=incoming` is its inbox and `outgoing` its outbox.',
        params: orgOnlyParamsSchema,
        querystring: requestListQuerySchema,
        response: { 200: collaborationRequestPageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listRequests({ connection, actor, now: now() }, request.query);
    },
  );

  r.post(
    '/api/v1/orgs/:org/collaboration-requests',
    {
      schema: {
        tags,
        summary: 'Ask another team for help on an objective',
        description:
          'The caller must be in the asking team (coordinators may ask for any team) and able to read the objective. The message is Markdown.',
        params: orgOnlyParamsSchema,
        body: createRequestBodySchema,
        response: { 201: collaborationRequestSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const created = await createRequest({ connection, actor, now: now() }, request.body);
      setEtag(reply, created.version);
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/v1/orgs/:org/collaboration-requests/:id',
    {
      schema: {
        tags,
        summary: 'A collaboration request with its history',
        params: requestParamsSchema,
        response: { 200: collaborationRequestSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const found = await getRequest({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, found.version);
      return found;
    },
  );

  r.post(
    '/api/v1/orgs/:org/collaboration-requests/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a collaboration request (send If-Match)',
        description:
          'The lead of the team asked accepts it `as: "dependency"` (the asking key result now depends on `dependsOnId`, a key result of the team asked) or `as: "contribution"` (the team joins the shared objective as a contributing team). 409 `conflict` once answered.',
        params: requestParamsSchema,
        body: acceptRequestBodySchema,
        response: { 200: collaborationRequestSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const answered = await acceptRequest(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, answered.version);
      return answered;
    },
  );

  r.post(
    '/api/v1/orgs/:org/collaboration-requests/:id/decline',
    {
      schema: {
        tags,
        summary: 'Decline a collaboration request with a reason (send If-Match)',
        params: requestParamsSchema,
        body: declineRequestBodySchema,
        response: { 200: collaborationRequestSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const answered = await declineRequest(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, answered.version);
      return answered;
    },
  );

  r.get(
    '/api/v1/orgs/:org/cross-team-map',
    {
      schema: {
        tags,
        summary:
          'The cross-team map: teams, and the dependencies and shared objectives between them',
        description:
          'Edges carry the worst health of what they join, risk that travels included; only what the caller may read.',
        params: orgOnlyParamsSchema,
        querystring: crossTeamMapQuerySchema,
        response: { 200: crossTeamMapSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return crossTeamMap({ connection, actor, now: now() }, request.query);
    },
  );
}
