/** The audit log of an organisation (admins). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  auditPageSchema,
  auditQuerySchema,
  orgOnlyParamsSchema,
} from '../../contracts/api/collaboration.ts';
import { readAuditLog } from '../../services/collaboration/audit-log.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

export function registerAuditRoutes(app: FastifyInstance, { connection, now }: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Every change with the state before and after, newest first (admins)',
        params: orgOnlyParamsSchema,
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return readAuditLog({ connection, actor, now: now() }, request.query);
    },
  );
}
