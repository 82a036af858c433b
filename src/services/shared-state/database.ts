/**
 * Shared state in the database (the default): fixed-window counters in `rate_limits`, and a
 * job's turn as a lease row in `job_leases` taken by one conditional UPDATE
 * (docs/decisions/0011-scheduled-work-in-the-server-with-a-lease-row.md).
 */
import type { Connection } from '../../db/connection.ts';
import { ensureLease, finishRun, takeLease } from '../../repositories/job-leases.ts';
import { countAttempt, resetAttempts } from '../../repositories/rate-limits.ts';
import type { JobTurns, RateLimitCounters, SharedState } from './shared-state.ts';

export function databaseRateLimits(connection: Connection): RateLimitCounters {
  return {
    async count(key, windowMs, now) {
      const staleBefore = new Date(now.getTime() - windowMs).toISOString();
      const { count, windowStart } = await countAttempt(connection, key, now.toISOString(), staleBefore);
      return { count, endsInMs: Date.parse(windowStart) + windowMs - now.getTime() };
    },
    forget: (key) => resetAttempts(connection, key),
  };
}

export function databaseJobTurns(connection: Connection): JobTurns {
  return {
    async begin(job, holder, now, onlyWhenDue) {
      const { db } = connection;
      await ensureLease(db, job.name);
      const until = new Date(now.getTime() + job.leaseMs).toISOString();
      const dueBefore = onlyWhenDue ? new Date(now.getTime() - job.everyMs).toISOString() : null;
      if (!(await takeLease(db, job.name, holder, now.toISOString(), until, dueBefore))) return null;
      return { finish: (error) => finishRun(db, job.name, holder, now.toISOString(), error) };
    },
  };
}

export function databaseSharedState(connection: Connection): SharedState {
  return {
    kind: 'database',
    rateLimits: databaseRateLimits(connection),
    jobTurns: databaseJobTurns(connection),
    readiness: () => Promise.resolve(null),
    close: () => Promise.resolve(),
  };
}
