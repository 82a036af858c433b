/**
 * Single sign-on: an organisation's admins configure its OpenID Connect provider; anyone starts a
 * sign-in (by organisation or by e-mail) and comes back through the callback, which signs them in
 * with a session cookie and sends them into the web app — or to the sign-in page with
 * `?sso_error=<code>` when it cannot.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ssoCallbackQuerySchema,
  ssoConfigBodySchema,
  ssoSettingsSchema,
  ssoStartQuerySchema,
  ssoTestResultSchema,
} from '../../contracts/api/sso.ts';
import { orgOnlyParamsSchema } from '../../contracts/api/collaboration.ts';
import {
  deleteSsoSettings,
  getSsoSettings,
  putSsoSettings,
  testSsoSettings,
  type SsoAddresses,
} from '../../services/sso/config.ts';
import {
  finishSsoSignIn,
  SSO_LOGIN_LIFETIME_MS,
  SsoFailure,
  startSsoSignIn,
} from '../../services/sso/sign-in.ts';
import type { AppContext } from '../app.ts';
import { orgActor } from '../auth.ts';
import { expectedVersion, setEtag } from '../etag.ts';
import { accountContext, setSessionCookie } from './auth.ts';
import { enforce, RateLimitedError } from '../../services/rate-limit.ts';

const tags = ['single sign-on'];
const CALLBACK_PATH = '/api/v1/auth/sso/callback';
/** Ties a sign-in to the browser that started it; sent only to the SSO routes, for 10 minutes. */
const BROWSER_COOKIE = 'okr_sso';
const browserCookie = (context: AppContext, request: FastifyRequest) =>
  ({
    path: '/api/v1/auth/sso',
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
    sameSite: 'lax',
    secure: context.secureCookies || request.protocol === 'https',
  }) as const;
const SSO_STARTS_PER_ADDRESS = { limit: 100, windowMs: 5 * 60_000 };
const redirectDescription = z
  .null()
  .describe('A redirect (302) to the provider, or to /signin?sso_error=<code>');

/** The web app's address: OKR_PUBLIC_URL, else where this request came to (trusting a proxy only when told to). */
function publicBase(context: AppContext, request: FastifyRequest): string {
  return context.publicUrl ?? `${request.protocol}://${request.host}`;
}

function addresses(context: AppContext, request: FastifyRequest, org: string): SsoAddresses {
  const base = publicBase(context, request);
  return {
    redirectUri: `${base}${CALLBACK_PATH}`,
    startUrl: `${base}/api/v1/auth/sso/start?org=${encodeURIComponent(org)}`,
  };
}

/** Ends on the sign-in page with the failure's code; the detail goes to the log only. */
function toSignInPage(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof RateLimitedError) {
    void reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.redirect('/signin?sso_error=rate_limited', 302);
  }
  if (error instanceof SsoFailure) {
    request.log.warn({ sso: error.code }, `single sign-on refused: ${error.message}`);
    return reply.redirect(`/signin?sso_error=${error.code}`, 302);
  }
  request.log.error({ err: error }, 'single sign-on failed');
  return reply.redirect('/signin?sso_error=failed', 302);
}

export function registerSsoRoutes(app: FastifyInstance, context: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { connection } = context;
  const ctx = async (request: FastifyRequest) => ({
    connection,
    actor: (await orgActor(connection, request)).actor,
    now: context.now(),
  });

  r.get(
    '/api/v1/orgs/:org/sso',
    {
      schema: {
        tags,
        summary:
          "The organisation's single sign-on configuration (admins); the client secret is never returned",
        params: orgOnlyParamsSchema,
        response: { 200: ssoSettingsSchema },
      },
    },
    async (request, reply) => {
      const settings = await getSsoSettings(
        await ctx(request),
        addresses(context, request, request.params.org),
      );
      setEtag(reply, settings.version);
      return settings;
    },
  );

  r.put(
    '/api/v1/orgs/:org/sso',
    {
      schema: {
        tags,
        summary: 'Configure single sign-on (admins; If-Match "0" the first time)',
        description:
          'The issuer must be https (http only on loopback). Leave clientSecret out to keep the stored one. ' +
          'requireSso refuses password sign-in to members who are not admins: admins keep their password.',
        params: orgOnlyParamsSchema,
        body: ssoConfigBodySchema,
        response: { 200: ssoSettingsSchema },
      },
    },
    async (request, reply) => {
      const c = await ctx(request);
      const settings = await putSsoSettings(
        c,
        expectedVersion(request),
        request.body,
        addresses(context, request, request.params.org),
      );
      setEtag(reply, settings.version);
      return settings;
    },
  );

  r.delete(
    '/api/v1/orgs/:org/sso',
    {
      schema: {
        tags,
        summary: 'Remove single sign-on (admins; send If-Match). Accounts stay.',
        params: orgOnlyParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const c = await ctx(request);
      await deleteSsoSettings(c, expectedVersion(request));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/orgs/:org/sso/test',
    {
      schema: {
        tags,
        summary: "Test the saved configuration against the provider's discovery document",
        params: orgOnlyParamsSchema,
        response: { 200: ssoTestResultSchema },
      },
    },
    async (request) => testSsoSettings(await ctx(request)),
  );

  r.get(
    '/api/v1/auth/sso/start',
    {
      schema: {
        tags,
        summary:
          'Start single sign-on: by organisation (org) or by e-mail (its domain finds the organisation)',
        description:
          'next: a path on this site to return to. Answers a redirect to the provider, or to /signin?sso_error=<code>.',
        security: [],
        querystring: ssoStartQuerySchema,
        response: { 302: redirectDescription },
      },
    },
    async (request, reply) => {
      try {
        // Each start writes a row and asks the provider: a budget per address, roomier than the
        // password's (nothing is guessed here, and a whole office may share one address).
        await enforce(
          context.sharedState.rateLimits,
          `sso:ip:${request.ip}`,
          SSO_STARTS_PER_ADDRESS,
          context.now(),
        );
        const redirectUri = `${publicBase(context, request)}${CALLBACK_PATH}`;
        const started = await startSsoSignIn(accountContext(context), request.query, redirectUri);
        void reply.setCookie(BROWSER_COOKIE, started.browserKey, {
          ...browserCookie(context, request),
          maxAge: SSO_LOGIN_LIFETIME_MS / 1000,
        });
        return reply.redirect(started.url.href, 302);
      } catch (error) {
        return toSignInPage(request, reply, error);
      }
    },
  );

  r.get(
    CALLBACK_PATH,
    {
      schema: {
        tags,
        summary:
          "The provider's redirect back: signs in (session cookie) and continues into the web app",
        security: [],
        querystring: ssoCallbackQuerySchema,
        response: { 302: redirectDescription },
      },
    },
    async (request, reply) => {
      void reply.clearCookie(BROWSER_COOKIE, browserCookie(context, request));
      try {
        const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const auth = request.auth;
        const signedIn = await finishSsoSignIn(
          accountContext(context),
          {
            search,
            state: request.query.state,
            browserKey: request.cookies[BROWSER_COOKIE],
            error: request.query.error,
            errorDescription: request.query.error_description,
            signedInUserId: auth?.via === 'session' ? auth.userId : null,
          },
          { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        );
        setSessionCookie(reply, context, signedIn.session);
        return reply.redirect(signedIn.returnTo, 302);
      } catch (error) {
        return toSignInPage(request, reply, error);
      }
    },
  );
}
