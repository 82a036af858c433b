/**
 * The signed-in user: who they are and where (`GET /api/v1/me`), their sessions, their password
 * and their personal API tokens.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdTokenSchema,
  idParamsSchema,
  meSchema,
  passwordChangeBodySchema,
  sessionListSchema,
  tokenCreateBodySchema,
  tokenListSchema,
} from '../../contracts/api/auth.ts';
import { loadMe } from '../../services/accounts/me.ts';
import { changePassword } from '../../services/accounts/password.ts';
import { listMySessions, revokeMySession } from '../../services/accounts/sessions.ts';
import { createToken, listMyTokens, revokeMyToken } from '../../services/accounts/tokens.ts';
import type { AppContext } from '../app.ts';
import { requireUser } from '../auth.ts';
import { accountContext, clearSessionCookie, limited } from './auth.ts';

const noContent = z.null().describe('No content');

export function registerMeRoutes(app: FastifyInstance, context: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/me',
    { schema: { tags: ['me'], summary: 'The signed-in user, their organisations, roles and teams', response: { 200: meSchema } } },
    async (request) => {
      const auth = requireUser(request);
      return loadMe(context.connection, auth.userId, auth.via === 'session' ? (auth.csrfToken ?? null) : null);
    },
  );

  r.get(
    '/api/v1/me/sessions',
    { schema: { tags: ['me'], summary: 'My live sessions', response: { 200: sessionListSchema } } },
    async (request) => ({ sessions: await listMySessions(accountContext(context), requireUser(request)) }),
  );

  r.delete(
    '/api/v1/me/sessions/:id',
    { schema: { tags: ['me'], summary: 'Sign out one of my sessions', params: idParamsSchema, response: { 204: noContent } } },
    async (request, reply) => {
      const auth = requireUser(request);
      await revokeMySession(accountContext(context), auth, request.params.id, 'revoked');
      if (request.params.id === auth.sessionId) clearSessionCookie(reply, context);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['me'],
        summary: 'Change my password; signs out my other sessions',
        body: passwordChangeBodySchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const auth = requireUser(request);
      await limited(reply, () => changePassword(accountContext(context), auth, request.body));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create a personal API token (shown once)',
        description: 'Use it as "Authorization: Bearer <token>"; it acts with your permissions.',
        body: tokenCreateBodySchema,
        response: { 201: createdTokenSchema },
      },
    },
    async (request, reply) => {
      const auth = requireUser(request);
      return reply.status(201).send(await createToken(accountContext(context), auth.userId, request.body));
    },
  );

  r.get(
    '/api/v1/tokens',
    { schema: { tags: ['tokens'], summary: 'My personal API tokens (without secrets)', response: { 200: tokenListSchema } } },
    async (request) => ({ tokens: await listMyTokens(accountContext(context), requireUser(request).userId) }),
  );

  r.delete(
    '/api/v1/tokens/:id',
    { schema: { tags: ['tokens'], summary: 'Revoke one of my API tokens', params: idParamsSchema, response: { 204: noContent } } },
    async (request, reply) => {
      await revokeMyToken(accountContext(context), requireUser(request).userId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
