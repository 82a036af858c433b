/**
 * Opening the database. This is the one place where SQLite and PostgreSQL differ in setup;
 * everything above it talks Kysely and portable SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely';
import pg from 'pg';
import { AppError } from '../contracts/app-error.ts';
import { makeFolders } from './folders.ts';
import type { Database } from './schema.ts';
import { WriteTracker } from './write-tracker.ts';

export type Dialect = 'sqlite' | 'postgres';

export type DatabaseTarget =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export const DEFAULT_DATABASE_FILE = './data/okr.db';

/**
 * Where the database is: an explicit `--db` value, else `OKR_DATABASE_URL`, else ./data/okr.db.
 * A `postgres://` or `postgresql://` URL means PostgreSQL; `sqlite:` URLs and anything else
 * is a SQLite file path.
 */
export function resolveDatabaseTarget(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseTarget {
  const value = explicit ?? (env.OKR_DATABASE_URL || DEFAULT_DATABASE_FILE);
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: 'postgres', url: value };
  const file = value.replace(/^sqlite:(\/\/)?/i, '');
  if (file.trim() === '') throw new AppError('bad_input', 'The database path is empty.');
  return { dialect: 'sqlite', file };
}

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /**
   * A string that changes whenever anything is written to the database, by this connection or
   * any other — or, given `tables`, whenever any of those tables may have been; read caches
   * compare it (SQLite only: `data_version` counts other connections' commits, `total_changes()`
   * and the write tracker (src/db/write-tracker.ts) this connection's changes).
   */
  dataVersion?: (tables?: readonly string[]) => string;
  /** The raw SQLite handle, for bulk loads and backups (SQLite only). */
  sqlite?: SqliteDatabase.Database;
  /** The PostgreSQL pool (PostgreSQL only). */
  pool?: pg.Pool;
  describe: string;
  close(): Promise<void>;
}

// COUNT(*) and other int8 values arrive as strings by default; our counts fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

export interface OpenOptions {
  /**
   * SQLite's page cache in MiB (default 64, for whole-organisation work). It fills with the
   * pages written and stays full: a server, whose transactions are small and whose reads come
   * through the memory map, passes SERVER_PAGE_CACHE_MIB.
   */
  pageCacheMiB?: number;
}

/** The page cache of a serving process: its writes are small; reads come through the map. */
export const SERVER_PAGE_CACHE_MIB = 16;

/** Opens (and for SQLite creates) the database. Fails with a clear AppError when it cannot. */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Connection> {
  return target.dialect === 'sqlite' ? openSqlite(target.file, options.pageCacheMiB ?? 64) : openPostgres(target.url);
}

function openSqlite(file: string, pageCacheMiB: number): Connection {
  const resolved = path.resolve(file);
  const dir = path.dirname(resolved);
  try {
    makeFolders(dir);
    if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} is a file, not a folder`);
  } catch (error) {
    throw new AppError(
      'database_unavailable',
      `Cannot create the folder for the database file ${resolved}: ${(error as Error).message}`,
    );
  }
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) {
    throw new AppError(
      'database_unavailable',
      `The database path ${resolved} is a folder, not a file.`,
    );
  }
  let handle: SqliteDatabase.Database;
  try {
    handle = new SqliteDatabase(resolved);
    // WAL for concurrent readers; synchronous=FULL so that a committed write survives power loss,
    // not only a crash of the process.
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = FULL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    // A 64 MB page cache (by default) and memory-mapped reads: whole-organisation work
    // (recomputing 130,000 rows at 10,000 people) otherwise spills dirty pages mid-transaction
    // and rereads them — measured here: writing 130,000 progress rows 1.9 s with the default
    // 2 MB cache, 0.6–0.9 s with 64 MB.
    handle.pragma(`cache_size = ${-Math.round(pageCacheMiB * 1024)}`);
    handle.pragma('mmap_size = 268435456');
    // Let the planner gather the statistics it needs (cheap; see sqlite.org/lang_analyze.html).
    handle.pragma('optimize = 0x10002');
    handle.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    throw new AppError(
      'database_unavailable',
      `Cannot open the SQLite database ${resolved}: ${(error as Error).message}`,
    );
  }
  const otherCommits = handle.prepare('PRAGMA data_version').pluck();
  const ownChanges = handle.prepare('SELECT total_changes()').pluck();
  const writes = new WriteTracker(() => Number(ownChanges.get()));
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(handle, () => writes.forget()) }),
    plugins: [writes],
  });
  return {
    db,
    dialect: 'sqlite',
    sqlite: handle,
    dataVersion: (tables) => `${String(otherCommits.get())}.${writes.version(tables)}`,
    describe: `SQLite ${resolved}`,
    async close() {
      await db.destroy();
    },
  };
}

/** How many prepared statements a SQLite connection keeps (least recently used go first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite handle as Kysely sees it, with a bounded LRU cache of prepared statements: Kysely
 * asks to prepare every query it runs, and preparing costs more than running most of ours. The
 * handle's own `prepare` is looked up on each miss (so wrappers installed on it still apply).
 * A statement still being iterated (a stream not yet finished) is not handed out twice: the
 * caller gets a fresh one instead.
 */
export function cachingStatements(
  handle: SqliteDatabase.Database,
  onRollback: () => void = () => undefined,
  size = STATEMENT_CACHE_SIZE,
): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close() {
      cache.clear();
      handle.close();
    },
    prepare(source: string) {
      // Kysely rolls back (a transaction, or to a savepoint) with a statement of its own.
      if ((source.charCodeAt(0) | 0x20) === 0x72 && /^rollback\b/i.test(source)) onRollback();
      const cached = cache.get(source);
      if (cached) {
        if (cached.busy) return handle.prepare(source);
        // Move it to the end: the Map's order is the order of use.
        cache.delete(source);
        cache.set(source, cached);
        return cached;
      }
      const statement = handle.prepare(source);
      cache.set(source, statement);
      if (cache.size > size) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<Connection> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('bad_input', `Not a valid PostgreSQL URL: ${url}`);
  }
  const where = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  // connectionTimeoutMillis is also how long a request waits for a free pooled connection: under
  // a burst (1,000 check-ins on one key result take turns on its row) 5 s turned waits into 500s.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 30_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new AppError(
      'database_unavailable',
      `Cannot reach PostgreSQL at ${where}: ${(error as Error).message || String(error)}`,
    );
  }
  return {
    db,
    dialect: 'postgres',
    pool,
    describe: `PostgreSQL ${where}`,
    async close() {
      await db.destroy();
    },
  };
}
