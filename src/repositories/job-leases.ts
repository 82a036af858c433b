/** Leases of scheduled jobs: the only SQL the scheduler writes. */
import type { Db } from '../services/context.ts';

/** Makes sure the job has a lease row (an expired one, so whoever comes first may take it). */
export async function ensureLease(db: Db, name: string): Promise<void> {
  await db
    .insertInto('job_leases')
    .values({
      name,
      holder: null,
      lease_until: new Date(0).toISOString(),
      last_run_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Takes the job's lease for `holder` until `until` when it is free (expired) and, unless
 * `dueBefore` is null, the job last ran before `dueBefore`. One UPDATE: of several instances
 * trying at once exactly one succeeds. Answers whether this holder got it.
 */
export async function takeLease(
  db: Db,
  name: string,
  holder: string,
  now: string,
  until: string,
  dueBefore: string | null,
): Promise<boolean> {
  return takeFreeRow(db, name, { holder, lease_until: until }, now, dueBefore);
}

/** Writes `set` to the job's row when its lease is free and (unless `dueBefore` is null) it is due. */
async function takeFreeRow(
  db: Db,
  name: string,
  set: { holder: string; lease_until: string; last_run_at?: string },
  now: string,
  dueBefore: string | null,
): Promise<boolean> {
  let query = db
    .updateTable('job_leases')
    .set(set)
    .where('name', '=', name)
    .where('lease_until', '<=', now);
  if (dueBefore !== null) {
    query = query.where((eb) =>
      eb.or([eb('last_run_at', 'is', null), eb('last_run_at', '<=', dueBefore)]),
    );
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a run: records when it finished (and its error) and frees the lease. */
export async function finishRun(
  db: Db,
  name: string,
  holder: string,
  finishedAt: string,
  error: string | null,
): Promise<void> {
  await db
    .updateTable('job_leases')
    .set((eb) => ({
      holder: null,
      // Free at once, whatever the clocks of other instances say; last_run_at says when it is due.
      lease_until: new Date(0).toISOString(),
      last_run_at: finishedAt,
      last_error: error,
      runs: eb('runs', '+', 1),
    }))
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

/**
 * With Redis (src/services/shared-state/redis.ts), which instance may run a job is a Redis lock;
 * this claims the job's due time in the row, under that lock: `last_run_at` becomes `now` when
 * the job is due (unless `dueBefore` is null: run now). One UPDATE, so a due time is claimed
 * once even if the lock expired while its first claimant was still running. The row's lease
 * must be free too, and is taken until `until`: an instance without Redis (during a rolling
 * restart that turns Redis on) and one with it never run the same job at once. Answers whether
 * this holder claimed it.
 */
export async function claimTurn(
  db: Db,
  name: string,
  holder: string,
  now: string,
  until: string,
  dueBefore: string | null,
): Promise<boolean> {
  return takeFreeRow(db, name, { holder, lease_until: until, last_run_at: now }, now, dueBefore);
}

/**
 * Ends a turn claimed by `claimTurn`: counts the run, records its error and frees the row, if
 * the row still holds this turn (a later turn claimed meanwhile keeps its own). Answers whether
 * it did.
 */
export async function finishTurn(
  db: Db,
  name: string,
  holder: string,
  claimedAt: string,
  error: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('job_leases')
    .set((eb) => ({
      holder: null,
      lease_until: new Date(0).toISOString(),
      last_error: error,
      runs: eb('runs', '+', 1),
    }))
    .where('name', '=', name)
    .where('holder', '=', holder)
    .where('last_run_at', '=', claimedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function readLease(db: Db, name: string) {
  return db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst();
}
