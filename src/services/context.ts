/**
 * What every use case receives: the database, who is acting, and the time. Use cases load,
 * authorize (src/policy), change, audit and return presented objects — in one transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Connection } from '../db/connection.ts';
import { transactionWithCommitWork } from '../db/commit-work.ts';
import { GroupCommitter } from '../db/group-commit.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policy/policy.ts';

export interface ServiceContext {
  connection: Connection;
  actor: Actor;
  now: Date;
}

export type Db = Kysely<Database> | Transaction<Database>;

/** PostgreSQL's deadlock and serialization failures: the transaction may simply be retried. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

const committers = new WeakMap<Connection, GroupCommitter>();

/**
 * Runs `work` in one transaction: everything it writes, including the audit row, or nothing.
 * On SQLite, transactions that queue up behind each other share a commit (src/db/group-commit.ts).
 * A transaction that PostgreSQL aborted as a deadlock victim is retried (four times at most, after a growing random pause), so
 * concurrent writers locking rows in different orders never surface as a 500.
 */
export async function inTransaction<T>(
  ctx: { connection: Connection },
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const { connection } = ctx;
  if (connection.dialect === 'sqlite') {
    let committer = committers.get(connection);
    if (!committer) {
      committer = new GroupCommitter(connection.db);
      committers.set(connection, committer);
    }
    return committer.run(work);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactionWithCommitWork(ctx.connection.db, work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt * (0.5 + Math.random())));
    }
  }
}
