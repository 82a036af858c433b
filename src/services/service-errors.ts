/** The errors use cases throw most often, worded once. */
import { AppError } from '../contracts/app-error.ts';

/** 404 for a missing object, one of another organisation, or one the caller may not see. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `No such ${what}.`);
}

/** 412 carrying the current representation, for a write based on an old version. */
export function staleVersion(current: unknown): AppError {
  return new AppError(
    'stale_version',
    'Someone changed this meanwhile; reload and try again.',
    [],
    current,
  );
}

/** 400 naming one bad field of the request body. */
export function badField(field: string, message: string): AppError {
  return new AppError('bad_input', `${field} ${message}.`, [{ path: `body.${field}`, message }]);
}
