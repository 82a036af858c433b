/**
 * PostgreSQL cannot store the NUL character in text (SQLite can, but cuts strings at it in
 * places), so no request may carry one: a NUL anywhere in the path parameters, the query or the
 * JSON body is a 400 naming where, on both databases alike — as cycle files already refuse it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../contracts/app-error.ts';

const NUL = '\u0000';
const MESSAGE = 'must not contain a NUL character';

/** The path of the first string (or key) holding a NUL, or null. Iterative: bodies may nest deep. */
export function findNul(value: unknown, where: string): string | null {
  const stack: [unknown, string][] = [[value, where]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes(NUL)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push([item, `${path}.${index}`]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes(NUL)) return path;
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/** preValidation hook: refuses a request with a NUL in its params, query or body. */
export function refuseNul(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  const path =
    findNul(request.params, 'params') ??
    findNul(request.query, 'querystring') ??
    findNul(request.body, 'body');
  done(
    path
      ? new AppError(
          'bad_input',
          `The request ${path.split('.')[0] ?? 'input'} is invalid: ${path} ${MESSAGE}.`,
          [{ path, message: MESSAGE }],
        )
      : undefined,
  );
}
