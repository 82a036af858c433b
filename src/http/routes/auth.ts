/**
 * Signing in and out, and invitations: an admin invites by e-mail, the invited person accepts
 * with the link's secret and is signed in. Sessions travel in an HttpOnly cookie.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../contracts/app-error.ts';
import {
  createdInvitationSchema,
  invitationAcceptBodySchema,
  invitationCreateBodySchema,
  invitationListSchema,
  loginBodySchema,
  orgIdParamsSchema,
  orgParamsSchema,
  signedInSchema,
} from '../../contracts/api/auth.ts';
import { acceptInvitation } from '../../services/accounts/accept-invitation.ts';
import { invite, listInvitations, revokeInvitation } from '../../services/accounts/invitations.ts';
import { revokeMySession, type AccountContext, type ClientInfo, type NewSession } from '../../services/accounts/sessions.ts';
import { signIn } from '../../services/accounts/sign-in.ts';
import { RateLimitedError } from '../../services/rate-limit.ts';
import type { AppContext } from '../app.ts';
import { orgActor, SESSION_COOKIE } from '../auth.ts';

const noContent = z.null().describe('No content');

/** Secure when configured, or when this request came over HTTPS (directly or via a trusted proxy). */
function cookieOptions(context: AppContext, reply: FastifyReply) {
  const secure = context.secureCookies || reply.request.protocol === 'https';
  return { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
}

/** Hands the new session's secret to the browser: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function setSessionCookie(reply: FastifyReply, context: AppContext, session: NewSession): void {
  void reply.setCookie(SESSION_COOKIE, session.cookieValue, { ...cookieOptions(context, reply), expires: session.expires });
}

export function clearSessionCookie(reply: FastifyReply, context: AppContext): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(context, reply));
}

export function accountContext(context: AppContext): AccountContext {
  return { connection: context.connection, rateLimits: context.sharedState.rateLimits, now: context.now() };
}

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** Runs a rate-limited use case; a 429 leaves with Retry-After. */
export async function limited<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RateLimitedError) void reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

export function registerAuthRoutes(app: FastifyInstance, context: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { connection } = context;

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        description: 'Rate limited per address and per account (429 with Retry-After). Wrong e-mail and wrong password answer alike.',
        security: [],
        body: loginBodySchema,
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) => {
      const session = await limited(reply, () => signIn(accountContext(context), request.body, clientOf(request)));
      setSessionCookie(reply, context, session);
      return session.signedIn;
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: ends this session and clears the cookie', response: { 204: noContent } } },
    async (request, reply) => {
      const auth = request.auth;
      if (auth?.via === 'token') {
        throw new AppError('bad_input', 'Signing out ends a browser session; revoke an API token with DELETE /api/v1/tokens/{id}.');
      }
      if (auth?.sessionId) await revokeMySession(accountContext(context), auth, auth.sessionId, 'sign_out');
      clearSessionCookie(reply, context);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/orgs/:org/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invite someone by e-mail (admins)',
        description: 'The link expires in 7 days and works once. Its token is shown only in this response.',
        params: orgParamsSchema,
        body: invitationCreateBodySchema,
        response: { 201: createdInvitationSchema },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      const created = await invite(accountContext(context), actor, request.body);
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/v1/orgs/:org/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Pending invitations of the organisation (admins)',
        params: orgParamsSchema,
        response: { 200: invitationListSchema },
      },
    },
    async (request) => {
      const { actor } = await orgActor(connection, request);
      return { invitations: await listInvitations(accountContext(context), actor) };
    },
  );

  r.delete(
    '/api/v1/orgs/:org/invitations/:id',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Revoke a pending invitation (admins)',
        params: orgIdParamsSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const { actor } = await orgActor(connection, request);
      await revokeInvitation(accountContext(context), actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/invitations/accept',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation: sets the password (new accounts) and signs in',
        description:
          'An existing account must give its password, or be signed in (a session cookie); one that signs in with single sign-on ' +
          'must be signed in (403 sso_required otherwise). Used, expired, revoked and unknown links answer 404.',
        security: [],
        body: invitationAcceptBodySchema,
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) => {
      const signedIn = request.auth?.via === 'session' ? request.auth.userId : null;
      const session = await limited(reply, () => acceptInvitation(accountContext(context), request.body, clientOf(request), signedIn));
      setSessionCookie(reply, context, session);
      return session.signedIn;
    },
  );
}
