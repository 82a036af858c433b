/**
 * `okr backup FILE`: a consistent copy of a SQLite database while the server keeps writing (the
 * SQLite online backup API). PostgreSQL is backed up with pg_dump; this command says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../contracts/app-error.ts';
import { openDatabase, resolveDatabaseTarget } from '../../db/connection.ts';
import { backupSqlite, type BackupProgress } from '../../db/sqlite-backup.ts';
import { createProgress } from '../progress.ts';
import { dbOption, printJson } from '../run.ts';

interface BackupOptions {
  db?: string;
  force?: boolean;
  json?: boolean;
}

export const PG_DUMP_HINT =
  'For PostgreSQL use its own tools: `pg_dump --format=custom --file=okr.dump "$OKR_DATABASE_URL"` ' +
  'to back up and `pg_restore --no-owner --dbname="$OKR_DATABASE_URL" okr.dump` into a fresh database ' +
  'to restore (see README, "Deploying on PostgreSQL").';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('Back up a SQLite database to FILE, consistently, while the server keeps running')
    .argument('<file>', 'the backup file to write')
    .option('--force', 'overwrite FILE if it exists')
    .option('--json', 'print the outcome as JSON')
    .addOption(dbOption())
    .action(async (file: string, options: BackupOptions) => {
      const target = resolveDatabaseTarget(options.db);
      if (target.dialect === 'postgres') {
        throw new AppError('bad_input', `okr backup copies SQLite databases only. ${PG_DUMP_HINT}`);
      }
      if (!fs.existsSync(target.file)) {
        throw new AppError(
          'not_found',
          `There is no database at ${target.file}; check --db (or OKR_DATABASE_URL).`,
        );
      }
      if (path.resolve(file) === path.resolve(target.file)) {
        throw new AppError('bad_input', 'The backup file cannot be the database itself.');
      }
      if (fs.existsSync(file) && !options.force) {
        throw new AppError(
          'conflict',
          `${file} already exists; choose another file or pass --force to overwrite it.`,
        );
      }
      if (!fs.existsSync(path.dirname(path.resolve(file)))) {
        throw new AppError('not_found', `The folder of ${file} does not exist.`);
      }
      const connection = await openDatabase(target);
      const started = performance.now();
      const progress = createProgress(!options.json);
      try {
        const { sqlite } = connection;
        if (!sqlite) throw new Error('a SQLite connection without its handle');
        const { pages } = await backupSqlite(sqlite, file, pageProgress(progress));
        progress.stop();
        const outcome = {
          database: connection.describe,
          file: path.resolve(file),
          bytes: fs.statSync(file).size,
          pages,
          ms: Math.round(performance.now() - started),
        };
        if (options.json) printJson(outcome);
        else
          console.log(
            `Backed up ${outcome.database} to ${outcome.file} (${megabytes(outcome.bytes)}, ${outcome.ms} ms).`,
          );
      } finally {
        progress.stop();
        await connection.close();
      }
    });
}

/** Shows the backup API's page counts on the CLI's progress bar (a restart starts it again). */
export function pageProgress(progress: ReturnType<typeof createProgress>): BackupProgress {
  let shown = -1;
  return (copied, total) => {
    if (shown < 0 || copied < shown) {
      progress.start('Copying pages', total);
      shown = 0;
    }
    if (copied > shown) progress.increment(copied - shown);
    shown = copied;
  };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
