/**
 * Group commit for SQLite. better-sqlite3 runs on the event loop, so every COMMIT with
 * `synchronous=FULL` stops the whole server for an fsync. Transactions that arrive while one
 * runs wait (there is one connection) — they are run together in one transaction, each inside
 * its own savepoint, and committed with one fsync. Each caller still gets all-or-nothing: a
 * failing one is rolled back to its savepoint alone and gets its error; the others' results are
 * handed out only after the shared COMMIT succeeded (if it fails, every one of them fails), so
 * nobody is ever told of a write that is not durable, nor shown data that was never committed.
 * Work the jobs defer to commit time (src/db/commit-work.ts) runs once for the whole group,
 * after the last job and before the COMMIT.
 */
import type { Kysely, Transaction } from 'kysely';
import { CommitScope, transactionWithCommitWork } from './commit-work.ts';
import type { Database } from './schema.ts';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** At most this many transactions share one commit. */
const MAX_GROUP = 64;

/** Lets queries a failed job started but did not await settle before its savepoint is undone. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

export class GroupCommitter {
  private readonly pending: Job[] = [];
  private running = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in a transaction (possibly shared with others), resolving after its commit. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.running) return;
      this.running = true;
      // Start on the next turn of the event loop: requests that arrived together reach this
      // point in the same turn, and so share the group.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.runGroup(this.pending.splice(0, MAX_GROUP));
    } finally {
      this.running = false;
    }
  }

  private async runGroup(group: Job[]): Promise<void> {
    const only = group.length === 1 ? group[0] : undefined;
    if (only) {
      // Alone: a plain transaction, no savepoint needed.
      await transactionWithCommitWork(this.db, only.work).then(only.resolve, only.reject);
      return;
    }
    const scope = new CommitScope();
    let trx;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      for (const job of group) job.reject(error);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      for (const job of group) {
        const savepoint = await trx.savepoint('job').execute();
        scope.attach(savepoint);
        try {
          outcomes.push({ ok: true, value: await job.work(savepoint) });
        } catch (error) {
          await settle();
          await savepoint.rollbackToSavepoint('job').execute();
          outcomes.push({ ok: false, error });
        }
        await savepoint.releaseSavepoint('job').execute();
      }
      // What the jobs left to do once for all of them (src/db/commit-work.ts).
      await scope.run(trx);
      await trx.commit().execute();
    } catch (error) {
      scope.abandon(error);
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const job of group) job.reject(error);
      return;
    }
    group.forEach((job, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
