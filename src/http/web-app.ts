/**
 * Serving the web app: the files Vite built into dist/web, and index.html for every other GET
 * that is not an API route (the single-page app routes itself). Without a build, `/` says how
 * to make one instead of a bare 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../dist/web');

const API_PATHS = /^\/(api|healthz|readyz)(\/|$)/;

/** Registers the web app when it has been built; returns whether it was. */
export async function registerWebApp(app: FastifyInstance, root = WEB_ROOT): Promise<boolean> {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('The web app has not been built. Run `npm run build:web` (or `npm start`), then reload.\nThe API is at /api/v1 (docs: /api/docs).\n'),
    );
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // Hashed assets never change; index.html must always be revalidated.
    setHeaders: (response, file) => {
      void response.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (_request: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (API_PATHS.test(pathname) || path.extname(pathname) !== '') {
      // An unknown API route or a missing file: the normal 404 problem.
      return reply.callNotFound();
    }
    return sendIndex(request, reply);
  });
  return true;
}
