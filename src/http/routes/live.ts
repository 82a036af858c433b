/**
 * Live updates: `GET /api/v1/orgs/{org}/events` is a Server-Sent Events stream of what happens in
 * the organisation that the caller may see (`activity`) and of the caller's new notifications
 * (`notification`). Each event's id is a cursor: a browser that reconnects sends it back as
 * Last-Event-ID and resumes after it. A stream ends after a few minutes (the browser reconnects
 * at once, signed in afresh: a revoked session stops there) and when the server shuts down.
 * Not in the OpenAPI document: it is a stream, not a JSON resource (docs/features/live-updates.md).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { liveHub } from '../../services/live/hub.ts';
import {
  currentLiveCursor,
  decodeLiveCursor,
  encodeLiveCursor,
  liveEventsSince,
  RecentlySent,
  type LiveCursor,
} from '../../services/live/stream.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** Streams end after this long; the browser reconnects and is authenticated again. */
const LIFETIME_MS = 5 * 60_000;

export function registerLiveRoutes(app: FastifyInstance, context: AppContext): void {
  const { connection, now } = context;
  const hub = liveHub(
    connection,
    context.livePollMs === undefined ? {} : { pollMs: context.livePollMs },
  );
  const open = new Set<() => void>();
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });
  app.addHook('onClose', async () => {
    await hub.stop();
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org/events',
    {
      schema: {
        hide: true,
        params: z.strictObject({ org: z.string().min(1).max(100) }),
        querystring: z.strictObject({ after: z.string().max(200).optional() }),
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const ctx = () => ({ connection, actor, now: now() });
      const resumed = decodeLiveCursor(
        (request.headers['last-event-id'] as string | undefined) ?? request.query.after,
      );
      let cursor: LiveCursor = resumed ?? (await currentLiveCursor(ctx()));
      const sent = new RecentlySent();

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        // The socket ends with the stream, so that a closing server never waits on it.
        connection: 'close',
        'x-request-id': request.id,
      });
      raw.write(`retry: 2000\nid: ${encodeLiveCursor(cursor)}\n\n`);

      let ended = false;
      let running = false;
      let again = false;
      const pump = async (): Promise<void> => {
        if (ended) return;
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            const next = await liveEventsSince(ctx(), cursor, sent);
            cursor = next.cursor;
            for (const { event, data } of next.events) {
              if (ended) return;
              raw.write(
                `event: ${event}\nid: ${encodeLiveCursor(cursor)}\ndata: ${JSON.stringify(data)}\n\n`,
              );
            }
          } while (again && !ended);
        } catch (error) {
          request.log.warn({ err: error }, 'live update stream failed; the browser will reconnect');
          end();
        } finally {
          running = false;
        }
      };
      const unsubscribe = hub.subscribe(actor.orgId, () => void pump());
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const lifetime = setTimeout(() => end(), LIFETIME_MS);
      function end(): void {
        if (ended) return;
        ended = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        open.delete(end);
        // Ended with the socket: a stream's socket is not reused, and a half-closed one (a
        // reader gone without a word) must not keep a closing server waiting. A reader that
        // missed the last events resumes after the last id it got.
        raw.end();
        raw.socket?.destroy();
      }
      open.add(end);
      raw.on('close', end);
      // What happened between the cursor it resumes from and now.
      if (resumed) void pump();
    },
  );
}
