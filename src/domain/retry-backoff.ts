/**
 * When to try again after a failure: exponential backoff with "equal jitter". The n-th retry
 * (n ≥ 1) waits between half and all of min(cap, base · 2^(n−1)), so retries of many failing
 * deliveries spread out instead of arriving together, and no wait exceeds the cap.
 */
export interface Backoff {
  baseMs: number;
  capMs: number;
}

/** Webhook deliveries: 30 s, 1 min, 2 min … up to 6 h between attempts. */
export const WEBHOOK_BACKOFF: Backoff = { baseMs: 30_000, capMs: 6 * 3600_000 };
/** Webhook deliveries stop after this many attempts and are marked `failed`. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** A failing data source: 1 min, 2 min, 4 min … up to 6 h, never later than its interval. */
export const DATA_SOURCE_BACKOFF: Backoff = { baseMs: 60_000, capMs: 6 * 3600_000 };

/** The exponential ceiling of the n-th retry's wait, before jitter. */
export function backoffCeiling(failures: number, backoff: Backoff): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^(n-1) overflows to Infinity for large n; the cap keeps it finite.
  return Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(n - 1, 52));
}

/**
 * The wait before the next attempt after `failures` consecutive failures; `random` in [0, 1)
 * (Math.random in production, fixed in tests).
 */
export function backoffDelay(failures: number, backoff: Backoff, random: number): number {
  const ceiling = backoffCeiling(failures, backoff);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
