import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.string().optional(),
  /** Only when OKR_REDIS_URL is set: whether Redis answers. */
  redis: z.enum(['ok', 'unavailable']).optional(),
});

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers,
 * and Redis too when the server keeps its sign-in limits and job locks there).
 */
export function registerHealthRoutes(app: FastifyInstance, { connection, sharedState }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', { schema: { tags: ['health'], response: { 200: healthSchema } } }, () => ({ status: 'ok' as const }));
  r.get(
    '/readyz',
    { schema: { tags: ['health'], response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const [database, shared] = await Promise.all([
        sql`SELECT 1`.execute(connection.db).then(
          () => true,
          () => false,
        ),
        sharedState.readiness(),
      ]);
      const ready = database && (shared === null || shared.redis === 'ok');
      const body = { status: ready ? ('ok' as const) : ('unavailable' as const), database: connection.dialect, ...shared };
      return ready ? body : reply.status(503).send(body);
    },
  );
}
