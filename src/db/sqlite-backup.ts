/**
 * Backing up and restoring a SQLite database with SQLite's online backup API
 * (sqlite.org/backup.html), which copies a consistent snapshot while other connections — a
 * running server — keep writing. PostgreSQL has pg_dump and pg_restore for this; see README.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../contracts/app-error.ts';
import { MIGRATIONS } from './migrate.ts';

/** Told how many pages are copied so far, of how many. */
export type BackupProgress = (copiedPages: number, totalPages: number) => void;

/** Pages copied per step while no writer interferes (4 KiB pages: 4 MB a step). */
const PAGES_PER_STEP = 1000;
/**
 * A write by another connection between two steps makes SQLite start the copy again. Under a
 * steady write load that could go on forever, so after this many restarts the rest is copied in
 * one step — one read transaction, which in WAL mode does not block the writers.
 */
const RESTARTS_BEFORE_ONE_STEP = 2;

/**
 * Copies the database of `source` into `file` as one consistent snapshot. The copy is written
 * beside `file` and renamed into place when complete, so `file` is never half-written; it is a
 * single self-contained file (rollback journal, not WAL). Returns the number of pages copied.
 */
export async function backupSqlite(
  source: SqliteDatabase.Database,
  file: string,
  progress?: BackupProgress,
): Promise<{ pages: number }> {
  const target = path.resolve(file);
  const partial = `${target}.partial-${process.pid}`;
  removeDatabaseFiles(partial);
  let restarts = 0;
  let lastRemaining = Number.POSITIVE_INFINITY;
  try {
    const done = await source.backup(partial, {
      progress({ totalPages, remainingPages }) {
        if (remainingPages >= lastRemaining) restarts += 1;
        lastRemaining = remainingPages;
        progress?.(totalPages - remainingPages, totalPages);
        return restarts >= RESTARTS_BEFORE_ONE_STEP ? 0x7fffffff : PAGES_PER_STEP;
      },
    });
    progress?.(done.totalPages, done.totalPages);
    const copy = new SqliteDatabase(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    // A WAL left by an earlier database at `target` would be replayed into the copy.
    for (const suffix of ['-wal', '-shm', '-journal'])
      fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(partial, target);
    return { pages: done.totalPages };
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
}

/** Deletes a SQLite file with its WAL and shared-memory files, if they are there. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Opens a backup file read-only after checking that it is an intact SQLite database of OKR
 * Wizard's schema, no newer than this build knows. The caller closes the handle.
 */
export function openBackupFile(file: string): SqliteDatabase.Database {
  if (!fs.existsSync(file)) throw new AppError('not_found', `There is no backup file at ${file}.`);
  if (!fs.statSync(file).isFile()) throw new AppError('bad_input', `${file} is not a file.`);
  let handle: SqliteDatabase.Database | undefined;
  try {
    handle = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const problems = handle.pragma('integrity_check', { simple: false }) as {
      integrity_check: string;
    }[];
    if (problems.length !== 1 || problems[0]?.integrity_check !== 'ok') {
      const first = problems.slice(0, 3).map((p) => p.integrity_check);
      throw new AppError(
        'bad_input',
        `${file} is damaged (integrity_check: ${first.join('; ')}); nothing was restored.`,
      );
    }
    const hasMigrations = handle
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'okr_migration'")
      .pluck()
      .get();
    if (hasMigrations !== 1) {
      throw new AppError(
        'bad_input',
        `${file} is a SQLite database but not one of OKR Wizard; nothing was restored.`,
      );
    }
    const applied = handle
      .prepare('SELECT name FROM okr_migration ORDER BY name')
      .pluck()
      .all() as string[];
    const unknown = applied.filter((name) => !(name in MIGRATIONS));
    if (unknown.length > 0) {
      throw new AppError(
        'schema_too_new',
        `${file} comes from a newer OKR Wizard (unknown schema version ${unknown.join(', ')}). ` +
          'Upgrade OKR Wizard to restore it; nothing was restored.',
      );
    }
    return handle;
  } catch (error) {
    handle?.close();
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new AppError('bad_input', `${file} is not a SQLite database; nothing was restored.`);
    }
    throw new AppError('bad_input', `Cannot read the backup ${file}: ${(error as Error).message}`);
  }
}

/** The tables of a SQLite database that hold rows (migration bookkeeping aside). */
export function tablesWithRows(handle: SqliteDatabase.Database): string[] {
  const tables = handle
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'okr_migration%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return tables.filter(
    (name) =>
      handle
        .prepare(`SELECT EXISTS (SELECT 1 FROM "${name.replaceAll('"', '""')}")`)
        .pluck()
        .get() === 1,
  );
}
