/**
 * What ./global-setup.ts (in vitest's main process) and ./databases.ts (in the test files)
 * share about a test run. Imports nothing from vitest, which only works inside a test file.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const POSTGRES_ADMIN_URL =
  process.env.OKR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** What ./global-setup.ts gives every test file of a run (`inject('okrTestRun')`). */
export interface TestRun {
  id: string;
  /** A temporary folder for the run, removed when it ends. */
  dir: string;
}

/** Marks, in the run's folder, that the run created its PostgreSQL template (teardown drops it). */
export const POSTGRES_TEMPLATE_MARK = 'postgres-template';

export function postgresTemplateName(run: TestRun): string {
  return `okrw_test_template_${run.id}`;
}

export function postgresUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Drops the run's PostgreSQL template, when the run made one (global teardown). */
export async function dropPostgresTemplate(run: TestRun): Promise<void> {
  if (!fs.existsSync(path.join(run.dir, POSTGRES_TEMPLATE_MARK))) return;
  await withAdmin((admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${postgresTemplateName(run)} WITH (FORCE)`),
  );
}
