/**
 * One integration suite, looped over both SQL dialects (as Kysely's own tests do). Each call
 * gets a brand-new database: a SQLite file in a temporary folder, or a PostgreSQL database
 * `okrw_test_<random>` created on the server and dropped afterwards.
 *
 * Migrating a database takes 0.3-2 s (PostgreSQL's DDL is slow), and almost every suite starts
 * from a migrated one: createMigratedTestDatabase copies a template migrated once per test run
 * instead (a file copy for SQLite, `CREATE DATABASE ... TEMPLATE` for PostgreSQL), made by the
 * first file that needs it and removed by ./global-setup.ts when the run ends. The migrations
 * themselves still run from scratch: on each template, and in the suites that migrate an empty
 * database (createTestDatabase + openTestConnection).
 *
 * Outside CI a missing PostgreSQL skips its half with a printed reason; with CI=true it fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Connection, type Dialect } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import {
  POSTGRES_ADMIN_URL,
  POSTGRES_TEMPLATE_MARK,
  postgresTemplateName,
  postgresUrl,
  withAdmin,
  type TestRun,
} from './test-run.ts';

export { POSTGRES_ADMIN_URL };

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

/** Creates an empty database of the dialect (not migrated; PostgreSQL: a copy of `template`). */
export async function createTestDatabase(dialect: Dialect, template?: string): Promise<TestDatabase> {
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
  await withAdmin(async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
        return;
      } catch (error) {
        // Another process copying the template at the same moment ("source database ... is being
        // accessed by other users"): PostgreSQL waits 5 s for that; try again.
        if (!template || attempt >= 5 || !/being accessed by other users/.test((error as Error).message)) throw error;
      }
    }
  });
  return {
    dialect,
    url: postgresUrl(name),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function migrate(target: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string }): Promise<void> {
  const connection = await openDatabase(target);
  try {
    await migrateToLatest(connection.db);
  } finally {
    await connection.close();
  }
}

/** One file at a time across the run's worker processes (a lock folder, as web-build.ts does). */
async function withFileLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

let sqliteTemplate: Promise<string> | undefined;
let postgresTemplate: Promise<string> | undefined;

/** The run's migrated SQLite file, made by the first process that asks. */
function sqliteTemplateOf(run: TestRun): Promise<string> {
  sqliteTemplate ??= withFileLock(path.join(run.dir, 'sqlite-template.lock'), async () => {
    const file = path.join(run.dir, 'template.db');
    if (fs.existsSync(file)) return file;
    const building = path.join(run.dir, `template-${process.pid}.db`);
    await migrate({ dialect: 'sqlite', file: building });
    fs.renameSync(building, file);
    return file;
  });
  return sqliteTemplate;
}

/** The run's migrated PostgreSQL database, made by the first process that asks. */
function postgresTemplateOf(run: TestRun): Promise<string> {
  const name = postgresTemplateName(run);
  postgresTemplate ??= withFileLock(path.join(run.dir, 'postgres-template.lock'), async () => {
    const ready = path.join(run.dir, `${POSTGRES_TEMPLATE_MARK}.ready`);
    if (fs.existsSync(ready)) return name;
    fs.writeFileSync(path.join(run.dir, POSTGRES_TEMPLATE_MARK), name);
    await withAdmin(async (admin) => {
      // Left half-migrated by a process that failed: start again.
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    });
    await migrate({ dialect: 'postgres', url: postgresUrl(name) });
    fs.writeFileSync(ready, name);
    return name;
  });
  return postgresTemplate;
}

function testRun(): TestRun | undefined {
  try {
    return inject('okrTestRun');
  } catch {
    // not under vitest, or without ./global-setup.ts
    return undefined;
  }
}

/**
 * A brand-new database of the dialect, already migrated to the latest schema: a copy of the
 * run's template (see the top of this file). Open it with openTestConnection as any other.
 */
export async function createMigratedTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const run = testRun();
  if (!run) return createTestDatabase(dialect);
  if (dialect === 'sqlite') {
    const template = await sqliteTemplateOf(run);
    const database = await createTestDatabase('sqlite');
    fs.copyFileSync(template, database.url);
    return database;
  }
  const problem = await postgresProblem();
  if (problem) throw new Error(problem);
  return createTestDatabase('postgres', await postgresTemplateOf(run));
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
