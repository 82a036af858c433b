/**
 * What every `okr` command shares: finding and opening the database, migrating it, reporting
 * errors as one clear line (plus the rows or fields at fault) and a non-zero exit.
 */
import { Option } from 'commander';
import fs from 'node:fs';
import { AppError, isAppError } from '../contracts/app-error.ts';
import { openDatabase, resolveDatabaseTarget, type Connection } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';

export const dbOption = () =>
  new Option(
    '--db <file-or-url>',
    'SQLite file or postgres:// URL (default: $OKR_DATABASE_URL, else ./data/okr.db)',
  );

/** Opens the database named by `--db` (migrating it to the latest schema) and runs `work`. */
export async function withDatabase<T>(
  db: string | undefined,
  work: (connection: Connection) => Promise<T>,
  options: { mustExist?: boolean } = {},
): Promise<T> {
  const target = resolveDatabaseTarget(db);
  // Commands that only read refuse a SQLite file that is not there, rather than creating an
  // empty database from a typo.
  if (options.mustExist && target.dialect === 'sqlite' && !fs.existsSync(target.file)) {
    throw new AppError('not_found', `There is no database at ${target.file}; check --db (or OKR_DATABASE_URL).`);
  }
  const connection = await openDatabase(target);
  try {
    await migrateToLatest(connection.db);
    return await work(connection);
  } finally {
    await connection.close();
  }
}

/** Prints an error the way every command does and sets a failing exit code. */
export function reportError(error: unknown): void {
  if (isAppError(error)) {
    process.stderr.write(`okr: ${error.message}\n`);
    const shown = error.errors.slice(0, 50);
    for (const e of shown) process.stderr.write(`  - ${e.path}: ${e.message}\n`);
    if (error.errors.length > shown.length) {
      process.stderr.write(`  ... and ${error.errors.length - shown.length} more\n`);
    }
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`okr: unexpected error: ${message}\n`);
    if (process.env.OKR_DEBUG) console.error(error);
  }
  process.exitCode = 1;
}

/** Writes JSON for scripts (`--json`). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
