import type { Command } from 'commander';
import { openDatabase, resolveDatabaseTarget } from '../../db/connection.ts';
import { knownMigrations, migrateToLatest } from '../../db/migrate.ts';
import { dbOption, printJson } from '../run.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Create or upgrade the database schema (also done automatically at start)')
    .addOption(dbOption())
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const connection = await openDatabase(resolveDatabaseTarget(options.db));
      try {
        const outcome = await migrateToLatest(connection.db);
        if (options.json) {
          printJson({ database: connection.describe, ...outcome, known: knownMigrations() });
        } else if (outcome.applied.length === 0) {
          console.log(`${connection.describe} is up to date (schema ${outcome.current}).`);
        } else {
          console.log(`${connection.describe}: applied ${outcome.applied.join(', ')}.`);
        }
      } finally {
        await connection.close();
      }
    });
}
