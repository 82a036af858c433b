import type { Kysely } from 'kysely';

/**
 * Cadence, nudges and scheduled work (issue 5, part 7).
 *
 * - `job_leases`: one row per scheduled job. An instance runs a job only after taking its lease
 *   (an UPDATE that succeeds only when the lease expired), so with several servers on one
 *   database a job runs once per turn. `last_run_at` is when a run last finished.
 * - `team_cadences`: a team's own check-in cadence where it differs from the organisation's.
 * - `check_in_nudges`: what was already said about a key result's missed check-ins (a reminder
 *   to its owner, an escalation to leads, then to champions), keyed by the check-in it follows
 *   and the period, so each is sent once.
 * - `digests_sent`: the weekly digest e-mail each person got, once per week.
 * - `notifications.email_attempts`: how often sending a notification's e-mail was tried (it is
 *   retried a few times before it counts as failed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .alterTable('notifications')
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('job_leases')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('holder', text)
    .addColumn('lease_until', text, (c) => c.notNull())
    .addColumn('last_run_at', text)
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', text)
    .execute();
  await db.schema
    .createTable('team_cadences')
    .addColumn('team_id', text, (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('check_in_cadence_days', 'integer', (c) => c.notNull())
    .addColumn('check_in_weekday', 'integer', (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('check_in_nudges')
    .addColumn('key_result_id', text, (c) =>
      c.notNull().references('key_results.id').onDelete('cascade'),
    )
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('level', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('sent_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('check_in_nudges_pk', ['key_result_id', 'level', 'period'])
    .execute();
  await db.schema
    .createTable('digests_sent')
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('week', text, (c) => c.notNull())
    .addColumn('sent_at', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('error', text)
    .addPrimaryKeyConstraint('digests_sent_pk', ['org_id', 'user_id', 'week'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('digests_sent').execute();
  await db.schema.dropTable('check_in_nudges').execute();
  await db.schema.dropTable('team_cadences').execute();
  await db.schema.dropTable('job_leases').execute();
  await db.schema.alterTable('notifications').dropColumn('email_attempts').execute();
}
