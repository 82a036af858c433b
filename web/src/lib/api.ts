/**
 * The one way the web app talks to the server: `apiRequest` sends the session cookie, adds the
 * CSRF token on writes, and turns RFC 9457 problem JSON into an `ApiError` (a
 * `StaleVersionError` for 412). A 401 sends the person to the sign-in page.
 */
import type { FieldError } from '@contracts/app-error.ts';

export const API_BASE = '/api/v1';

/** The problem JSON body every error of the API has. */
interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: FieldError[];
  current?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  /** Stable machine code (`bad_input`, `not_found`, ...); `network` when the server was not reached. */
  readonly code: string;
  /** A sentence for people. */
  readonly detail: string;
  /** Field errors, paths as the API names them (`body.value`). */
  readonly errors: FieldError[];
  readonly requestId: string | null;

  constructor(
    status: number,
    code: string,
    detail: string,
    errors: FieldError[] = [],
    requestId: string | null = null,
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.requestId = requestId;
  }

  /** Field name → message, for showing errors beside fields (`body.value` → `value`). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const error of this.errors) {
      const field = error.path.replace(/^body\./, '');
      byField[field] ??= error.message;
    }
    return byField;
  }
}

/** 412: someone saved a newer version meanwhile; `current` is what the server has now. */
export class StaleVersionError extends ApiError {
  readonly current: unknown;

  constructor(detail: string, current: unknown, requestId: string | null) {
    super(412, 'stale_version', detail, [], requestId);
    this.name = 'StaleVersionError';
    this.current = current;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A message for any error, fit for an alert. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.detail;
  return 'Something went wrong. Please try again.';
}

// ---- session state -------------------------------------------------------------------------

/** Kept in memory only: a page load fetches it again from GET /api/v1/me. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function signInPath(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return here.startsWith('/signin') ? '/signin' : `/signin?next=${encodeURIComponent(here)}`;
}

let onUnauthenticated: (signInUrl: string) => void = (url) => window.location.assign(url);

/** The app replaces the default full-page redirect with a router navigation. */
export function setUnauthenticatedHandler(handler: (signInUrl: string) => void): void {
  onUnauthenticated = handler;
}

// ---- requests ------------------------------------------------------------------------------

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The version of the object last read, sent as `If-Match: "<version>"` on PATCH and DELETE. */
  ifMatch?: number;
  signal?: AbortSignal;
  /** false for calls where 401 is an answer, not a lost session (signing in). */
  redirectOnUnauthenticated?: boolean;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  try {
    return await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'network',
      'Could not reach the server. Check your connection and try again.',
    );
  }
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  try {
    body = (await response.json()) as ProblemBody;
  } catch {
    // Not JSON (a proxy's error page): fall back to the status alone.
  }
  const status = body.status ?? response.status;
  const detail = body.detail ?? (response.statusText || `The server answered ${status}.`);
  const requestId = body.requestId ?? response.headers.get('x-request-id');
  if (status === 412) {
    return new StaleVersionError(
      'Someone changed this meanwhile. Look at their version, then make your change again.',
      body.current,
      requestId,
    );
  }
  return new ApiError(status, body.code ?? 'http_error', detail, body.errors ?? [], requestId);
}

/** Fetches the CSRF token of the session when a write needs it and none is in memory yet. */
async function refreshCsrfToken(): Promise<string | null> {
  const response = await send('/me', {});
  if (!response.ok) return null;
  const me = (await response.json()) as { csrfToken: string | null };
  csrfToken = me.csrfToken;
  return csrfToken;
}

/**
 * Calls the API and answers the parsed JSON (undefined for 204). Throws `ApiError`.
 * A write without a CSRF token in memory first reads it from GET /api/v1/me; a 403 on a write
 * is retried once when the session's token turns out to have changed.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const isWrite = (options.method ?? 'GET') !== 'GET';
  const exempt = path === '/auth/login';
  if (isWrite && !exempt && csrfToken === null) await refreshCsrfToken();

  let response = await send(path, options);
  if (response.status === 403 && isWrite && !exempt) {
    const before = csrfToken;
    if ((await refreshCsrfToken()) !== before) response = await send(path, options);
  }
  if (response.status === 204) return undefined as T;
  if (!response.ok) {
    const error = await problemOf(response);
    if (error.status === 401 && options.redirectOnUnauthenticated !== false) {
      csrfToken = null;
      onUnauthenticated(signInPath());
    }
    throw error;
  }
  return (await response.json()) as T;
}
