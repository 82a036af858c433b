/** Teams, the team hierarchy and team membership. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTeamBodySchema,
  orgParamsSchema,
  putTeamMemberBodySchema,
  teamDetailSchema,
  teamListQuerySchema,
  teamMemberParamsSchema,
  teamPageSchema,
  teamParamsSchema,
  teamTreeSchema,
  updateTeamBodySchema,
} from '../../contracts/api/people.ts';
import { createTeam, deleteTeam, updateTeam } from '../../services/people/change-team.ts';
import { removeTeamMember, setTeamMember } from '../../services/people/team-members.ts';
import { getTeam, listTeams, teamTree } from '../../services/people/teams.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['teams'];

export function registerTeamsRoutes(app: FastifyInstance, { connection, now }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/teams',
    {
      schema: {
        tags,
        summary: 'List teams (flat, with parent and member count)',
        params: orgParamsSchema,
        querystring: teamListQuerySchema,
        response: { 200: teamPageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listTeams(
        { connection, actor, now: now() },
        { limit: request.query.limit, after: request.query.cursor },
      );
    },
  );

  r.get(
    '/api/v1/orgs/:org/teams/tree',
    {
      schema: {
        tags,
        summary: 'The team hierarchy, nested',
        params: orgParamsSchema,
        response: { 200: teamTreeSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return teamTree({ connection, actor, now: now() });
    },
  );

  r.get(
    '/api/v1/orgs/:org/teams/:id',
    {
      schema: {
        tags,
        summary: 'A team with its members',
        params: teamParamsSchema,
        response: { 200: teamDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const team = await getTeam({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, team.version);
      return team;
    },
  );

  r.post(
    '/api/v1/orgs/:org/teams',
    {
      schema: {
        tags,
        summary: 'Create a team (admins)',
        params: orgParamsSchema,
        body: createTeamBodySchema,
        response: { 201: teamDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const team = await createTeam({ connection, actor, now: now() }, request.body);
      setEtag(reply, team.version);
      return reply.status(201).send(team);
    },
  );

  r.patch(
    '/api/v1/orgs/:org/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename or move a team (admins; send If-Match)',
        params: teamParamsSchema,
        body: updateTeamBodySchema,
        response: { 200: teamDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const team = await updateTeam(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, team.version);
      return team;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/teams/:id',
    {
      schema: {
        tags,
        summary: 'Delete a team without sub-teams or objectives (admins; send If-Match)',
        params: teamParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await deleteTeam(
        { connection, actor, now: now() },
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/api/v1/orgs/:org/teams/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Put a member in the team, as lead or not (admins)',
        params: teamMemberParamsSchema,
        body: putTeamMemberBodySchema,
        response: { 200: teamDetailSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const team = await setTeamMember(
        { connection, actor, now: now() },
        request.params.id,
        request.params.userId,
        request.body.isLead,
      );
      setEtag(reply, team.version);
      return team;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/teams/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Take a member out of the team (admins)',
        params: teamMemberParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await removeTeamMember(
        { connection, actor, now: now() },
        request.params.id,
        request.params.userId,
      );
      return reply.status(204).send(null);
    },
  );
}
