/**
 * What every use case receives: the database, who is acting, and the time. Use cases load,
 * authorize (src/policy), change, audit and return presented objects — in one transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Connection } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../policy/policy.ts';

export interface ServiceContext {
  connection: Connection;
  actor: Actor;
  now: Date;
}

export type Db = Kysely<Database> | Transaction<Database>;

/** Runs `work` in one transaction: everything it writes, including the audit row, or nothing. */
export async function inTransaction<T>(ctx: { connection: Connection }, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return ctx.connection.db.transaction().execute(work);
}
