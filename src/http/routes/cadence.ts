/** A team's check-in cadence (the organisation's is among its OKR settings). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  teamCadenceParamsSchema,
  teamCadenceSchema,
  updateTeamCadenceBodySchema,
} from '../../contracts/api/cadence.ts';
import { teamCadence, updateTeamCadence } from '../../services/cadence/team-cadence.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { setEtag } from '../etag.ts';

const tags = ['cadence'];

export function registerCadenceRoutes(app: FastifyInstance, { connection, now }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs/:org/teams/:id/cadence',
    {
      schema: {
        tags,
        summary: "A team's check-in cadence: its own or the organisation's",
        params: teamCadenceParamsSchema,
        response: { 200: teamCadenceSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const cadence = await teamCadence({ connection, actor, now: now() }, request.params.id);
      setEtag(reply, cadence.version);
      return cadence;
    },
  );

  r.put(
    '/api/v1/orgs/:org/teams/:id/cadence',
    {
      schema: {
        tags,
        summary:
          "Set a team's own check-in cadence, or `followOrganisation` (team leads, champions)",
        params: teamCadenceParamsSchema,
        body: updateTeamCadenceBodySchema,
        response: { 200: teamCadenceSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const cadence = await updateTeamCadence(
        { connection, actor, now: now() },
        request.params.id,
        request.body,
      );
      setEtag(reply, cadence.version);
      return cadence;
    },
  );
}
