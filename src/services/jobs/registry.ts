/**
 * Every scheduled job the server runs. Adding one is one line: a `Job` (name, how often, run)
 * from the feature that owns the work.
 */
import { sendEmailsJob } from '../mail/send-pending.ts';
import { weeklyDigestJob } from '../mail/weekly-digest.ts';
import { pollDueDataSources } from '../data-sources/run-source.ts';
import { deliverDueWebhooks } from '../webhooks/deliver.ts';
import { checkInNudgesJob } from './check-in-nudges.ts';
import { housekeepingJob } from './housekeeping.ts';
import type { Job } from './scheduler.ts';

/** Webhook deliveries due now (each claimed by one UPDATE: safe alongside other instances). */
const webhookDeliveriesJob: Job = {
  name: 'webhook-deliveries',
  everyMs: 5_000,
  leaseMs: 5 * 60_000,
  run: async ({ connection, now }) => {
    await deliverDueWebhooks(connection, now);
  },
};

/** Data sources whose next fetch is due (claimed the same way). */
const dataSourcesJob: Job = {
  name: 'data-sources',
  everyMs: 5_000,
  leaseMs: 5 * 60_000,
  run: async ({ connection, now }) => {
    await pollDueDataSources(connection, now);
  },
};

export const JOBS: readonly Job[] = [
  sendEmailsJob,
  checkInNudgesJob,
  weeklyDigestJob,
  webhookDeliveriesJob,
  dataSourcesJob,
  housekeepingJob,
];
