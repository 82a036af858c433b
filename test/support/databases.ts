/**
 * One integration suite, looped over both SQL dialects (as Kysely's own tests do). Each call
 * gets a brand-new database: a SQLite file in a temporary folder, or a PostgreSQL database
 * `okrw_test_<random>` created on the server and dropped afterwards.
 *
 * Outside CI a missing PostgreSQL skips its half with a printed reason; with CI=true it fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Connection, type Dialect } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export const POSTGRES_ADMIN_URL =
  process.env.OKR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const inCi = process.env.CI === 'true';

let postgresAvailable: Promise<string | null> | undefined;

/** null when PostgreSQL answers, else the reason it does not. */
export function postgresProblem(): Promise<string | null> {
  postgresAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      return `PostgreSQL at ${POSTGRES_ADMIN_URL} does not answer (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresAvailable;
}

export interface TestDatabase {
  dialect: Dialect;
  /** What `--db` takes to reach this database. */
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database of the dialect (not migrated). */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-test-'));
    return {
      dialect,
      url: path.join(dir, 'okr.db'),
      drop: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
    };
  }
  const problem = await postgresProblem();
  if (problem) throw new Error(problem);
  const name = `okrw_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Opens and migrates a test database. */
export async function openTestConnection(database: TestDatabase): Promise<Connection> {
  const connection = await openDatabase(
    database.dialect === 'sqlite'
      ? { dialect: 'sqlite', file: database.url }
      : { dialect: 'postgres', url: database.url },
  );
  await migrateToLatest(connection.db);
  return connection;
}

/**
 * The dialects a suite runs on: both, with PostgreSQL skipped (and the reason printed) when it
 * is not answering outside CI. In CI, a missing PostgreSQL is a failure, never a skip.
 */
export async function dialectsUnderTest(): Promise<{ dialect: Dialect; skip: string | null }[]> {
  const problem = await postgresProblem();
  if (problem && inCi) throw new Error(`CI=true requires PostgreSQL: ${problem}`);
  if (problem) console.warn(`[skip] PostgreSQL suites skipped: ${problem}`);
  return [
    { dialect: 'sqlite', skip: null },
    { dialect: 'postgres', skip: problem },
  ];
}
