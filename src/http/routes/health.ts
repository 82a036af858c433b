import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app.ts';

const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() });

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
export function registerHealthRoutes(app: FastifyInstance, { connection }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', { schema: { tags: ['health'], response: { 200: healthSchema } } }, () => ({ status: 'ok' as const }));
  r.get(
    '/readyz',
    { schema: { tags: ['health'], response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(connection.db);
        return { status: 'ok' as const, database: connection.dialect };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: connection.dialect });
      }
    },
  );
}
