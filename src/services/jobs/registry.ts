/**
 * Every scheduled job the server runs. Adding one is one line: a `Job` (name, how often, run)
 * from the feature that owns the work.
 */
import { sendEmailsJob } from '../mail/send-pending.ts';
import { weeklyDigestJob } from '../mail/weekly-digest.ts';
import { checkInNudgesJob } from './check-in-nudges.ts';
import type { Job } from './scheduler.ts';

export const JOBS: readonly Job[] = [sendEmailsJob, checkInNudgesJob, weeklyDigestJob];
