/**
 * Rate limits as fixed windows counted in the database (`rate_limits`), so that several server
 * instances share one budget. Used for sign-in: per address and per account.
 */
import { AppError } from '../contracts/app-error.ts';
import type { Connection } from '../db/connection.ts';
import { countAttempt, resetAttempts } from '../repositories/rate-limits.ts';

export interface RateLimitVerdict {
  allowed: boolean;
  /** Seconds until the window ends (at least 1); what Retry-After says when not allowed. */
  retryAfterSeconds: number;
}

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** A 429 that knows when to come back; the route copies it into the Retry-After header. */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('rate_limited', `Too many attempts; try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Counts one attempt under `key` and says whether it is within `limit` attempts per window of
 * `windowMs`. Attempts over the limit are counted too, but do not extend the window.
 */
export async function hit(connection: Connection, key: string, limit: number, windowMs: number, now: Date): Promise<RateLimitVerdict> {
  const staleBefore = new Date(now.getTime() - windowMs).toISOString();
  const { count, windowStart } = await countAttempt(connection, key, now.toISOString(), staleBefore);
  const endsInMs = Date.parse(windowStart) + windowMs - now.getTime();
  return { allowed: count <= limit, retryAfterSeconds: Math.max(1, Math.ceil(endsInMs / 1000)) };
}

/** Like `hit`, but throws `RateLimitedError` (429) when over the limit. */
export async function enforce(connection: Connection, key: string, rule: RateLimitRule, now: Date): Promise<void> {
  const verdict = await hit(connection, key, rule.limit, rule.windowMs, now);
  if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
}

/** Forgets the attempts counted under `key`. */
export async function forget(connection: Connection, key: string): Promise<void> {
  await resetAttempts(connection, key);
}
