/**
 * The Fastify application: plugins, security headers, authentication, the error handler, the
 * OpenAPI document and every route. `buildApp` does no I/O of its own, so tests run it in-process
 * on a real database and a real port.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import helmet from 'helmet';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Connection } from '../db/connection.ts';
import { databaseSharedState } from '../services/shared-state/database.ts';
import type { SharedState } from '../services/shared-state/shared-state.ts';
import { authentication } from './auth.ts';
import { errorHandler, notFoundHandler, problem } from './problem.ts';
import { registerRoutes } from './routes/index.ts';
import { refuseNul } from './text-guard.ts';
import { registerWebApp } from './web-app.ts';

export interface AppOptions {
  connection: Connection;
  /** Pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  /** The clock; tests may pin it. */
  now?: () => Date;
  /** Mark cookies Secure (served over HTTPS, directly or behind a proxy). */
  secureCookies?: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (nginx in front of several instances). */
  trustProxy?: boolean;
  /** Where the built web app is (default dist/web). */
  webRoot?: string;
  /**
   * Check every response against its zod schema (tests). Off by default: responses are then
   * serialized with plain JSON.stringify, which the checking mode verifies gives the same body.
   */
  validateResponses?: boolean;
  /** How often live update streams look for news (default: 500 ms SQLite, 5 s PostgreSQL). */
  livePollMs?: number;
  /**
   * The web app's public address (OKR_PUBLIC_URL), e.g. https://okr.example.com: single sign-on's
   * redirect URI is built from it. Unset: from the request (its Host, or X-Forwarded-* when trusted).
   */
  publicUrl?: string | undefined;
  /** Where rate limits are counted and jobs are locked (default: the database). */
  sharedState?: SharedState;
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string; hidden: boolean }[];
  }
}

export interface AppContext {
  connection: Connection;
  now: () => Date;
  secureCookies: boolean;
  livePollMs?: number | undefined;
  publicUrl?: string | undefined;
  sharedState: SharedState;
}

export const API_PREFIX = '/api/v1';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable error code, e.g. bad_input, not_found, stale_version' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] },
    },
    current: { description: 'For 412: the current representation of the object' },
  },
} as const;

const PROBLEM_STATUSES: Record<number, string> = {
  400: 'Bad input (field `errors` say which)',
  401: 'Not signed in',
  403: 'Visible but not allowed, or a missing CSRF token',
  404: 'Missing, or not visible to the caller',
  409: 'Conflict: an alignment loop, a closed cycle, a duplicate',
  412: 'Stale If-Match: someone changed it meanwhile (`current` holds it)',
  428: 'If-Match is required',
};

/** Writes that take the version the client last saw (ETag) in If-Match. */
function takesIfMatch(method: string, url: string): boolean {
  if (!url.startsWith('/api/v1/orgs/')) return false;
  switch (method) {
    case 'PATCH':
      return true;
    case 'DELETE':
      return !/\/invitations\/:id$|\/teams\/:id\/members\/:userId$/.test(url);
    case 'PUT':
      // Alignment, grading's writes (a grade and a retrospective start at version 0), and single
      // sign-on's configuration (version 0 before the first).
      return url.includes('/parents/') || /\/(grade\/proposal|grade\/confirmation|retrospective|sso)$/.test(url);
    case 'POST':
      return (
        url.endsWith('/transitions') ||
        /\/collaboration-requests\/:id\/(accept|decline)$/.test(url) ||
        /\/objectives\/:id\/approval\/(approve|return|submit)$/.test(url) ||
        /\/(objectives|key-results)\/:id\/move$/.test(url)
      );
    default:
      return false;
  }
}

/**
 * The zod schemas make the OpenAPI document; this adds what every route shares: the problem
 * responses, and the If-Match header on writes that need it.
 */
const documentProblemsAndVersions: typeof jsonSchemaTransform = (input) => {
  const transformed = jsonSchemaTransform(input);
  const { url } = transformed;
  if (!url.startsWith('/api/v1/')) return transformed;
  const method = String(Array.isArray(input.route.method) ? input.route.method[0] : input.route.method);
  const schema = { ...transformed.schema } as Record<string, unknown>;
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  const ifMatch = takesIfMatch(method, input.route.url);
  for (const [status, description] of Object.entries(PROBLEM_STATUSES)) {
    if ((status === '412' || status === '428') && !ifMatch) continue;
    response[status] ??= { description, content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } };
  }
  schema.response = response;
  if (ifMatch) {
    const headers = (schema.headers as { type?: string; properties?: Record<string, unknown>; required?: string[] } | undefined) ?? {};
    schema.headers = {
      type: 'object',
      ...headers,
      properties: { ...headers.properties, 'if-match': { type: 'string', description: 'The ETag you last received, e.g. "3"' } },
      required: [...(headers.required ?? []), 'if-match'],
    };
  }
  return { ...transformed, schema };
};

type SerializerCompiler = typeof serializerCompiler;

/**
 * Production: the response schemas document the API (OpenAPI) and the compiler checks that the
 * services return their types; encoding each response through zod again costs CPU on every request.
 */
const plainSerializerCompiler: SerializerCompiler = () => (data) => JSON.stringify(data);

/**
 * Tests: validate (and encode) through zod, and fail when plain JSON.stringify — what production
 * sends — would give a different body (say, a key the schema strips).
 */
const checkingSerializerCompiler: SerializerCompiler = (route) => {
  const encode = serializerCompiler(route);
  return (data) => {
    const encoded = encode(data);
    const plain = JSON.stringify(data);
    if (plain !== encoded && !isDeepStrictEqual(JSON.parse(plain), JSON.parse(encoded))) {
      throw new Error(`${route.method} ${route.url}: the response serialized without zod differs from the schema's encoding`);
    }
    return encoded;
  };
};

export async function buildApp(options: AppOptions): Promise<App> {
  // Helmet's middleware, built once (@fastify/helmet rebuilds it on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: options.secureCookies ?? false,
  });
  const app = Fastify({
    logger: options.logger ?? false,
    // Errors found while routing (a malformed URL, a parameter over the length limit) get the
    // same problem JSON as everything else, and the same headers: no hook runs for them.
    frameworkErrors: (error, request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      securityHeaders(request.raw, reply.raw, () => {
        void (reply as FastifyReply)
          .status(status)
          .header('x-request-id', request.id)
          .type('application/problem+json')
          .send(problem(request, status, status === 414 ? 'uri_too_long' : 'bad_request', 'The request URL is malformed or too long.'));
      });
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  // Every route the server has, for the test that the OpenAPI document lists them all.
  const routes: { method: string; url: string; hidden: boolean }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const hidden = route.schema?.hide === true;
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, hidden });
  });
  app.decorate('routeList', routes);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(options.validateResponses ? checkingSerializerCompiler : plainSerializerCompiler);
  // Only JSON bodies: anything else is 415, not a string handed to a JSON schema.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OKR Wizard API',
        version: '1.0.0',
        description:
          'Objectives and key results for a whole organisation. Sign in with POST /api/v1/auth/login ' +
          '(session cookie; send X-CSRF-Token on writes) or use a personal API token as a Bearer token. ' +
          'Errors are RFC 9457 problem JSON with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'okr_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: documentProblemsAndVersions,
    // Emits schemas that carry an id (recursive ones such as TeamTreeNode) as components.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const now = options.now ?? (() => new Date());
  await app.register(authentication, { connection: options.connection, now });
  // After authentication's hook, so an anonymous caller still hears 401 first.
  app.addHook('preValidation', refuseNul);

  const context: AppContext = {
    connection: options.connection,
    now,
    secureCookies: options.secureCookies ?? false,
    livePollMs: options.livePollMs,
    publicUrl: options.publicUrl?.replace(/\/+$/, '') || undefined,
    sharedState: options.sharedState ?? databaseSharedState(options.connection),
  };
  registerRoutes(app, context);
  await registerWebApp(app, options.webRoot);

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());
  return app;
}
