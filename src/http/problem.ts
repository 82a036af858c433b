/**
 * The one error handler: every error leaves as RFC 9457 problem JSON with a stable `code`, the
 * request id, and field `errors` where input was bad. Unknown errors become a plain 500 that
 * shows no stack trace or SQL (the log has them, under the same request id).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../contracts/app-error.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: FieldError[];
  /** For 412: the current representation, so the client can show what changed. */
  current?: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  414: 'URI too long',
  413: 'Payload too large',
  415: 'Unsupported media type',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Fastify's own client errors, mapped to our codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; detail?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', detail: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', detail: 'Send JSON (Content-Type: application/json).' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_input', detail: 'The Content-Length does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_input', detail: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad_input', detail: 'The body is not valid JSON.' },
  FST_ERR_VALIDATION: { status: 400, code: 'bad_input' },
};

export function problem(
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: `https://okr-wizard.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    requestId: String(request.id),
    ...extra,
  };
}

function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** What pg's pool throws when no connection became free within its wait. */
const POOL_EXHAUSTED = 'timeout exceeded when trying to connect';

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    const extra: Partial<Problem> = error.errors.length > 0 ? { errors: error.errors } : {};
    if (error.current !== undefined) extra.current = error.current;
    if (error.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem(request, error.status, error.code, error.message, extra));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((issue) => ({
      path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid',
    }));
    return sendProblem(
      reply,
      problem(request, 400, 'bad_input', `The request ${where} is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors }),
    );
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return sendProblem(reply, problem(request, known.status, known.code, known.detail ?? error.message));
  if (error.statusCode === 429) {
    return sendProblem(reply, problem(request, 429, 'rate_limited', 'Too many requests; try again later.'));
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, problem(request, error.statusCode, 'bad_request', 'The request could not be understood.'));
  }
  if (error.message === POOL_EXHAUSTED) {
    // Every pooled PostgreSQL connection stayed busy for the whole wait: a burst, not a fault.
    request.log.warn({ err: error }, 'no database connection free');
    return sendProblem(
      reply.header('retry-after', '5'),
      problem(request, 503, 'busy', 'The server is busy; try again in a few seconds.'),
    );
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendProblem(
    reply,
    problem(request, 500, 'internal', `Something went wrong on our side. Quote request id ${String(request.id)} when reporting it.`),
  );
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path;
  return sendProblem(reply, problem(request, 404, 'not_found', `No route ${request.method} ${shown}.`));
}
