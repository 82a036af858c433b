/**
 * Once per `vitest run` (vitest.config.ts `globalSetup`): a folder and an id for this run, which
 * test files share through `inject('okrTestRun')`. ./databases.ts keeps the run's migrated
 * template databases there (a SQLite file in the folder, a PostgreSQL database named after the
 * id); the teardown removes both, so a run leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropPostgresTemplate, type TestRun } from './test-run.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    okrTestRun: TestRun;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const run: TestRun = {
    id: randomBytes(6).toString('hex'),
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-run-')),
  };
  project.provide('okrTestRun', run);
  return async () => {
    try {
      await dropPostgresTemplate(run);
    } finally {
      fs.rmSync(run.dir, { recursive: true, force: true });
    }
  };
}
