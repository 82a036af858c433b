/**
 * `okr restore FILE`: a SQLite backup made by `okr backup` into a fresh database, checked first
 * (intact, OKR Wizard's schema, not newer than this build) and migrated to the latest schema
 * after. PostgreSQL is restored with pg_restore; this command says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Command } from 'commander';
import { AppError } from '../../contracts/app-error.ts';
import { openDatabase, resolveDatabaseTarget } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { backupSqlite, openBackupFile, tablesWithRows } from '../../db/sqlite-backup.ts';
import { createProgress } from '../progress.ts';
import { dbOption, printJson } from '../run.ts';
import { PG_DUMP_HINT, pageProgress } from './backup.ts';

interface RestoreOptions {
  db?: string;
  force?: boolean;
  json?: boolean;
}

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description(
      'Restore a backup made by okr backup into a fresh SQLite database (stop the server first)',
    )
    .argument('<file>', 'the backup file')
    .option('--force', 'replace a database that already has data')
    .option('--json', 'print the outcome as JSON')
    .addOption(dbOption())
    .action(async (file: string, options: RestoreOptions) => {
      const target = resolveDatabaseTarget(options.db);
      if (target.dialect === 'postgres') {
        throw new AppError(
          'bad_input',
          `okr restore restores SQLite backups only. ${PG_DUMP_HINT}`,
        );
      }
      if (path.resolve(file) === path.resolve(target.file)) {
        throw new AppError('bad_input', 'The backup file cannot be restored onto itself.');
      }
      const backup = openBackupFile(file);
      const started = performance.now();
      const progress = createProgress(!options.json);
      try {
        if (fs.existsSync(target.file) && !options.force) refuseIfHasData(target.file);
        await backupSqlite(backup, target.file, pageProgress(progress));
      } finally {
        progress.stop();
        backup.close();
      }
      const connection = await openDatabase(target);
      try {
        const migrated = await migrateToLatest(connection.db);
        const outcome = {
          database: connection.describe,
          from: path.resolve(file),
          migrated: migrated.applied,
          schema: migrated.current,
          ms: Math.round(performance.now() - started),
        };
        if (options.json) printJson(outcome);
        else {
          const upgrade =
            migrated.applied.length > 0 ? `, then applied ${migrated.applied.join(', ')}` : '';
          console.log(
            `Restored ${outcome.from} into ${outcome.database}${upgrade} (schema ${outcome.schema}, ${outcome.ms} ms).`,
          );
        }
      } finally {
        await connection.close();
      }
    });
}

function refuseIfHasData(file: string): void {
  let tables: string[];
  try {
    const existing = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      tables = tablesWithRows(existing);
    } finally {
      existing.close();
    }
  } catch (error) {
    throw new AppError(
      'conflict',
      `${file} exists and is not an empty database (${(error as Error).message}); pass --force to replace it.`,
    );
  }
  if (tables.length > 0) {
    throw new AppError(
      'conflict',
      `${file} already has data (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}); ` +
        'restore into a fresh database, or pass --force to replace it.',
    );
  }
}
