/**
 * Work that the jobs of one transaction add to and that runs once, inside it, just before
 * COMMIT. On SQLite a transaction can be a commit group (src/db/group-commit.ts) holding many
 * requests' jobs: check-ins committed together then refresh their objectives' shared ancestors
 * once instead of once each (src/services/progress-refresh.ts).
 *
 * `src/services/context.ts` and the group committer open a {@link CommitScope} for every
 * transaction they run and attach each job's transaction (or savepoint) to it; a use case adds
 * work with {@link commitWork}.
 */
import type { Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Trx = Transaction<Database>;

export interface CommitWork {
  /** Runs once, inside the transaction, after every job of it has finished. */
  run(trx: Trx): Promise<void>;
  /** The transaction did not commit (or the work itself failed): settle what was promised. */
  abandon(error: unknown): void;
}

const scopeOf = new WeakMap<object, CommitScope>();

export class CommitScope {
  private readonly work = new Map<string, CommitWork>();

  /** Jobs running in `trx` (a transaction or a savepoint of one) add their work here. */
  attach(trx: object): void {
    scopeOf.set(trx, this);
  }

  add<W extends CommitWork>(key: string, create: () => W): W {
    let work = this.work.get(key);
    if (!work) {
      work = create();
      this.work.set(key, work);
    }
    return work as W;
  }

  /** Runs the gathered work in `trx`, in the order it was first added. */
  async run(trx: Trx): Promise<void> {
    for (const [key, work] of this.work) {
      this.work.delete(key);
      try {
        await work.run(trx);
      } catch (error) {
        work.abandon(error);
        throw error;
      }
    }
  }

  /** The transaction failed: every piece of work not yet run is abandoned with the error. */
  abandon(error: unknown): void {
    for (const work of this.work.values()) work.abandon(error);
    this.work.clear();
  }
}

/**
 * The work under `key` of the transaction `trx` belongs to, created by `create` the first time.
 * Throws when `trx` was not opened by `inTransaction` (nothing would ever run the work).
 */
export function commitWork<W extends CommitWork>(trx: object, key: string, create: () => W): W {
  const scope = scopeOf.get(trx);
  if (!scope) throw new Error('commitWork needs a transaction opened by inTransaction');
  return scope.add(key, create);
}

/**
 * Runs `work` in a transaction of `db` with its own commit scope: the scope's work runs after
 * `work`, before COMMIT; if anything fails, the scope's work is abandoned with the error.
 */
export async function transactionWithCommitWork<T>(
  db: { transaction(): { execute<R>(fn: (trx: Trx) => Promise<R>): Promise<R> } },
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  const scope = new CommitScope();
  try {
    return await db.transaction().execute(async (trx) => {
      scope.attach(trx);
      const value = await work(trx);
      await scope.run(trx);
      return value;
    });
  } catch (error) {
    scope.abandon(error);
    throw error;
  }
}
