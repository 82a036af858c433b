/**
 * The one error type of OKR Wizard. `code` is stable (clients and tests match on it); `status`
 * is the HTTP status it maps to; `errors` names bad fields or rows. The CLI prints `message`
 * and exits non-zero; the HTTP layer turns it into RFC 9457 problem JSON.
 */
export type AppErrorCode =
  | 'bad_input'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'alignment_loop'
  | 'dependency_loop'
  | 'cycle_closed'
  | 'duplicate'
  | 'stale_version'
  | 'version_required'
  | 'schema_too_new'
  | 'database_unavailable'
  | 'redis_unavailable'
  | 'import_invalid'
  | 'rate_limited'
  | 'server_unreachable'
  | 'sso_required';

export interface FieldError {
  /** Where: a field path (`keyResults.0.target`), a JSON path (`$.objectives[3]`) or `line 7`. */
  path: string;
  message: string;
}

const STATUS: Record<AppErrorCode, number> = {
  bad_input: 400,
  import_invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  sso_required: 403,
  not_found: 404,
  conflict: 409,
  alignment_loop: 409,
  dependency_loop: 409,
  cycle_closed: 409,
  duplicate: 409,
  stale_version: 412,
  version_required: 428,
  rate_limited: 429,
  schema_too_new: 500,
  database_unavailable: 503,
  redis_unavailable: 503,
  server_unreachable: 503,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly errors: FieldError[];
  /** For `stale_version`: the current representation, so a client can show what changed. */
  readonly current?: unknown;

  constructor(code: AppErrorCode, message: string, errors: FieldError[] = [], current?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.errors = errors;
    if (current !== undefined) this.current = current;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
