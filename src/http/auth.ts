/**
 * Who is calling: a session cookie (browsers) or `Authorization: Bearer <token>` (scripts, the
 * CLI). Cookie-authenticated mutations must carry the session's CSRF token in `X-CSRF-Token`;
 * bearer tokens are exempt (a browser never attaches them by itself).
 */
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../contracts/app-error.ts';
import type { Connection } from '../db/connection.ts';
import type { Actor } from '../policy/policy.ts';
import { loadActor, type OrganisationRow } from '../repositories/actors.ts';
import { findLiveSession, findLiveToken, touchSession, touchToken } from '../repositories/credentials.ts';
import { hashSecret, safeEqual } from '../services/secrets.ts';

export const SESSION_COOKIE = 'okr_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Authentication {
  userId: string;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authentication | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Everything under these prefixes needs a signed-in caller. */
const SIGNED_IN_PREFIXES = ['/api/v1/orgs/', '/api/v1/me', '/api/v1/tokens'];

function needsSignIn(url: string): boolean {
  return SIGNED_IN_PREFIXES.some((prefix) => url.startsWith(prefix));
}
/** Refresh "last seen" at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

/** Routes a browser may call with a cookie but without a CSRF token (they create the session). */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login', '/api/v1/invitations/accept']);

export const authentication = fp<{ connection: Connection; now: () => Date }>((app, { connection, now }, done) => {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    request.auth = await authenticate(connection, request, now());
  });
  // Signed-in routes answer 401, and cookie-authenticated writes without the CSRF token 403,
  // before looking at the input: such a caller learns nothing about what a valid request would be.
  app.addHook('preValidation', (request, _reply, next) => {
    const anonymous = !request.auth && needsSignIn(request.routeOptions.url ?? request.url);
    next(anonymous ? new AppError('unauthenticated', 'Sign in first.') : csrfProblem(request));
  });
  done();
});

/** The CSRF error for a cookie-authenticated write without the session's token, else undefined. */
function csrfProblem(request: FastifyRequest): AppError | undefined {
  const auth = request.auth;
  if (!auth || auth.via !== 'session' || SAFE_METHODS.has(request.method)) return undefined;
  if (CSRF_EXEMPT.has(request.routeOptions.url ?? '')) return undefined;
  const presented = request.headers[CSRF_HEADER];
  if (typeof presented === 'string' && auth.csrfToken && safeEqual(presented, auth.csrfToken)) return undefined;
  return new AppError('forbidden', 'Missing or wrong CSRF token (send the X-CSRF-Token header from GET /api/v1/me).');
}

/** Routes whose bearer token is not a user's (a push data source's own token, checked by its route). */
const OWN_TOKEN_PREFIXES = ['/api/v1/integrations/push/'];

async function authenticate(connection: Connection, request: FastifyRequest, at: Date): Promise<Authentication | null> {
  const nowIso = at.toISOString();
  const header = request.headers.authorization;
  if (OWN_TOKEN_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return null;
  if (typeof header === 'string' && header.length > 0) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('unauthenticated', 'Use "Authorization: Bearer <token>".');
    const token = await findLiveToken(connection, hashSecret(match[1]), nowIso);
    if (!token) throw new AppError('unauthenticated', 'The API token is unknown, expired or revoked.');
    if (!token.last_used_at || at.getTime() - Date.parse(token.last_used_at) > TOUCH_EVERY_MS) {
      await touchToken(connection, token.id, nowIso);
    }
    return { userId: token.user_id, via: 'token', tokenId: token.id };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await findLiveSession(connection, hashSecret(cookie), nowIso);
  if (!session) return null;
  if (at.getTime() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) await touchSession(connection, session.id, nowIso);
  return { userId: session.user_id, via: 'session', sessionId: session.id, csrfToken: session.csrf_token };
}

/** The signed-in user, or 401. */
export function requireUser(request: FastifyRequest): Authentication {
  if (!request.auth) throw new AppError('unauthenticated', 'Sign in first.');
  return request.auth;
}

/**
 * The actor in the organisation named by the `:org` route parameter. 401 when not signed in;
 * 404 when the organisation does not exist or the caller is not a member of it.
 */
export async function orgActor(
  connection: Connection,
  request: FastifyRequest,
): Promise<{ organisation: OrganisationRow; actor: Actor }> {
  const auth = requireUser(request);
  const slug = (request.params as { org?: string }).org ?? '';
  const found = await loadActor(connection, slug, auth.userId);
  if (!found) throw new AppError('not_found', `No organisation '${slug}'.`);
  return found;
}
