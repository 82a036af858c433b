/** Fixed-window counters for rate limits, shared by every server instance through the database. */
import type { Connection } from '../db/connection.ts';

export interface WindowCount {
  /** Attempts in the current window, this one included. */
  count: number;
  /** When the current window began (ISO 8601). */
  windowStart: string;
}

/**
 * Counts one attempt under `key` in one statement (safe under concurrency on both dialects): a
 * window that began at or before `staleBeforeIso` is over, so the count restarts at 1 from
 * `nowIso`; otherwise it goes up by one.
 */
export async function countAttempt(connection: Connection, key: string, nowIso: string, staleBeforeIso: string): Promise<WindowCount> {
  const row = await connection.db
    .insertInto('rate_limits')
    .values({ key, window_start: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const stale = eb('rate_limits.window_start', '<=', staleBeforeIso);
        return {
          count: eb.case().when(stale).then(1).else(eb('rate_limits.count', '+', 1)).end(),
          window_start: eb.case().when(stale).then(nowIso).else(eb.ref('rate_limits.window_start')).end(),
        };
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.window_start };
}

/** Forgets the counter under `key` (e.g. an account's failures after it signs in). */
export async function resetAttempts(connection: Connection, key: string): Promise<void> {
  await connection.db.deleteFrom('rate_limits').where('key', '=', key).execute();
}
