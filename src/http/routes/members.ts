/** Members of an organisation and their roles. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  memberListQuerySchema,
  memberPageSchema,
  memberParamsSchema,
  memberSchema,
  orgParamsSchema,
  updateMemberBodySchema,
} from '../../contracts/api/people.ts';
import { getMember, listMembers } from '../../services/people/members.ts';
import { removeMember } from '../../services/people/remove-member.ts';
import { updateMember } from '../../services/people/update-member.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';

const tags = ['members'];

export function registerMembersRoutes(app: FastifyInstance, { connection, now }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/members',
    {
      schema: {
        tags,
        summary: 'List members (filter by text, role, team)',
        params: orgParamsSchema,
        querystring: memberListQuerySchema,
        response: { 200: memberPageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return listMembers({ connection, actor, now: now() }, request.query);
    },
  );

  r.get(
    '/api/v1/orgs/:org/members/:userId',
    {
      schema: {
        tags,
        summary: 'A member with roles and teams',
        params: memberParamsSchema,
        response: { 200: memberSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const member = await getMember({ connection, actor, now: now() }, request.params.userId);
      setEtag(reply, member.version);
      return member;
    },
  );

  r.patch(
    '/api/v1/orgs/:org/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's roles or title (admins; send If-Match)",
        params: memberParamsSchema,
        body: updateMemberBodySchema,
        response: { 200: memberSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const member = await updateMember(
        { connection, actor, now: now() },
        request.params.userId,
        expectedVersion(request),
        request.body,
      );
      setEtag(reply, member.version);
      return member;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove someone from the organisation (admins; send If-Match)',
        params: memberParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await removeMember(
        { connection, actor, now: now() },
        request.params.userId,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
}
