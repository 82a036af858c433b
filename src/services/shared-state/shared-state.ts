/**
 * The state several server instances must share beyond the database's own rows: rate-limit
 * counters and the turns of scheduled jobs. Two implementations, chosen once when the server
 * starts and passed to whoever needs them: the database (./database.ts, the default) and Redis
 * (./redis.ts, when OKR_REDIS_URL is set). Sessions are not here: they stay in the database in
 * both cases (docs/decisions/0013-optional-redis-for-counters-and-job-locks.md).
 */

/** One attempt counted in a fixed window. */
export interface WindowCount {
  /** Attempts in the current window, this one included. */
  count: number;
  /** Milliseconds until the current window ends. */
  endsInMs: number;
}

export interface RateLimitCounters {
  /**
   * Counts one attempt under `key` in fixed windows of `windowMs`: the first attempt after a
   * window ended starts a new one; later attempts (over the limit too) do not move its end.
   */
  count(key: string, windowMs: number, now: Date): Promise<WindowCount>;
  /** Forgets the attempts counted under `key`. */
  forget(key: string): Promise<void>;
}

/** What the scheduler tells the shared state about a job. */
export interface JobSlot {
  name: string;
  /** At most one run per this many milliseconds, over all instances. */
  everyMs: number;
  /** How long a run holds the job before another instance may consider it abandoned. */
  leaseMs: number;
}

/** A turn of a job taken by one instance: run the job, then finish the turn. */
export interface JobTurn {
  /** Records the run (and its error) and lets the job go. */
  finish(error: string | null): Promise<void>;
}

export interface JobTurns {
  /**
   * Takes the job's turn for `holder` at `now`, or answers null when another instance holds
   * the job or (with `onlyWhenDue`) it is not due. Of several instances trying at once, at most
   * one gets a turn, and a due time is never given out twice.
   */
  begin(job: JobSlot, holder: string, now: Date, onlyWhenDue: boolean): Promise<JobTurn | null>;
}

/** What `/readyz` reports about the shared state besides the database. */
export interface SharedStateReadiness {
  redis: 'ok' | 'unavailable';
}

export interface SharedState {
  readonly kind: 'database' | 'redis';
  readonly rateLimits: RateLimitCounters;
  readonly jobTurns: JobTurns;
  /** null when everything is in the database (already checked by `/readyz`). */
  readiness(): Promise<SharedStateReadiness | null>;
  /** Closes what the shared state opened (not the database). */
  close(): Promise<void>;
}
