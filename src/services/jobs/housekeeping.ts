/**
 * Housekeeping: rows that only ever pile up are removed once nobody can use them any more —
 * sessions expired or revoked a month ago (the account page lists live ones only), rate-limit
 * windows that ended a day ago (the longest window is 15 minutes), and webhook deliveries that
 * finished (succeeded, or failed for good) a month ago. Hourly, as a scheduled job (one instance
 * at a time, src/services/jobs/scheduler.ts).
 */
import type { Connection } from '../../db/connection.ts';
import type { Job } from './scheduler.ts';

const DAY_MS = 24 * 60 * 60_000;
/** How long ended sessions and finished webhook deliveries are kept (what support may ask about). */
export const KEEP_DAYS = 30;

export interface Swept {
  sessions: number;
  rateLimits: number;
  webhookDeliveries: number;
}

/** Deletes what is past keeping as of `now`; says how many rows of each went. */
export async function sweep(connection: Connection, now: Date): Promise<Swept> {
  const keptSince = new Date(now.getTime() - KEEP_DAYS * DAY_MS).toISOString();
  const windowsSince = new Date(now.getTime() - DAY_MS).toISOString();
  const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
  const { db } = connection;
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', keptSince), eb('revoked_at', '<', keptSince)]))
    .executeTakeFirst();
  const rateLimits = await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', windowsSince)
    .executeTakeFirst();
  const webhookDeliveries = await db
    .deleteFrom('webhook_deliveries')
    .where('status', 'in', ['succeeded', 'failed'])
    .where('created_at', '<', keptSince)
    .executeTakeFirst();
  return {
    sessions: count(sessions),
    rateLimits: count(rateLimits),
    webhookDeliveries: count(webhookDeliveries),
  };
}

export const housekeepingJob: Job = {
  name: 'housekeeping',
  everyMs: 60 * 60_000,
  run: async ({ connection, now, log }) => {
    const swept = await sweep(connection, now);
    const total = swept.sessions + swept.rateLimits + swept.webhookDeliveries;
    if (total > 0)
      log(
        `housekeeping removed ${swept.sessions} ended sessions, ${swept.rateLimits} old rate-limit windows, ${swept.webhookDeliveries} finished webhook deliveries`,
      );
  },
};
