/**
 * Rate limits as fixed windows, counted where the server instances share them: the database
 * (`rate_limits`) or, when OKR_REDIS_URL is set, Redis (src/services/shared-state). Used for
 * sign-in: per address and per account.
 */
import { AppError } from '../contracts/app-error.ts';
import type { RateLimitCounters } from './shared-state/shared-state.ts';

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

/** The verdict on the `count`th attempt of a window ending in `endsInMs`. */
export function verdict(count: number, limit: number, endsInMs: number): RateLimitVerdict {
  return { allowed: count <= limit, retryAfterSeconds: Math.max(1, Math.ceil(endsInMs / 1000)) };
}

/**
 * Counts one attempt under `key` and says whether it is within `limit` attempts per window of
 * `windowMs`. Attempts over the limit are counted too, but do not extend the window.
 */
export async function hit(counters: RateLimitCounters, key: string, limit: number, windowMs: number, now: Date): Promise<RateLimitVerdict> {
  const { count, endsInMs } = await counters.count(key, windowMs, now);
  return verdict(count, limit, endsInMs);
}

/** Like `hit`, but throws `RateLimitedError` (429) when over the limit. */
export async function enforce(counters: RateLimitCounters, key: string, rule: RateLimitRule, now: Date): Promise<void> {
  const result = await hit(counters, key, rule.limit, rule.windowMs, now);
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
}

/** Forgets the attempts counted under `key`. */
export async function forget(counters: RateLimitCounters, key: string): Promise<void> {
  await counters.forget(key);
}
