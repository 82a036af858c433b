/**
 * `okr import FILE`: a whole cycle from a JSON or CSV cycle file, all or nothing. `--dry-run`
 * validates and tells what would be created.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../contracts/app-error.ts';
import {
  IMPORTABLE_FORMATS,
  type CycleImportCounts,
  type ImportableFormat,
} from '../../contracts/cycle-file.ts';
import { importCycle, type ImportCycleResult } from '../../services/import-cycle.ts';
import { createProgress } from '../progress.ts';
import { dbOption, printJson, withDatabase } from '../run.ts';

interface ImportOptions {
  format?: ImportableFormat;
  dryRun?: boolean;
  json?: boolean;
  db?: string;
}

const COUNT_LABELS: Record<keyof CycleImportCounts, [string, string]> = {
  organisations: ['organisation', 'organisations'],
  users: ['user', 'users'],
  memberships: ['membership', 'memberships'],
  roles: ['role', 'roles'],
  teams: ['team', 'teams'],
  teamMembers: ['team membership', 'team memberships'],
  cycles: ['cycle', 'cycles'],
  objectives: ['objective', 'objectives'],
  alignments: ['alignment', 'alignments'],
  readers: ['reader', 'readers'],
  contributingTeams: ['contributing team', 'contributing teams'],
  tags: ['tag', 'tags'],
  keyResults: ['key result', 'key results'],
  initiatives: ['initiative', 'initiatives'],
  checkIns: ['check-in', 'check-ins'],
  dependencies: ['dependency', 'dependencies'],
  comments: ['comment', 'comments'],
};

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import a whole cycle from a JSON or CSV file written by okr export (all or nothing)',
    )
    .argument('<file>', 'the cycle file (.json or .csv)')
    .addOption(
      new Option('--format <format>', 'file format (default: from the extension)').choices(
        IMPORTABLE_FORMATS,
      ),
    )
    .option('--dry-run', 'validate and show what would be created; write nothing')
    .option('--json', 'print the outcome as JSON')
    .addOption(dbOption())
    .action(async (file: string, options: ImportOptions) => {
      const format = options.format ?? formatFromName(file);
      const content = readCycleFile(file);
      const result = await withDatabase(options.db, (connection) =>
        importCycle(connection, content, {
          format,
          dryRun: options.dryRun,
          progress: createProgress(!options.json),
        }),
      );
      if (options.json) printJson(result);
      else process.stdout.write(describe(result, file));
    });
}

function formatFromName(file: string): ImportableFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.csv') return 'csv';
  throw new AppError(
    'bad_input',
    `Cannot tell the format of ${file} from its extension; name it .json or .csv, or pass --format json|csv.`,
  );
}

function readCycleFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (error as Error).message;
    throw new AppError('bad_input', `Cannot read ${file}: ${reason}.`);
  }
}

function describe(result: ImportCycleResult, file: string): string {
  const counts = (Object.keys(COUNT_LABELS) as (keyof CycleImportCounts)[])
    .filter((key) => result.created[key] > 0)
    .map((key) => {
      const [one, many] = COUNT_LABELS[key];
      const n = result.created[key];
      return `  ${n} ${n === 1 ? one : many}\n`;
    })
    .join('');
  const organisation = `organisation ${result.organisation.slug}${result.organisation.created ? ' (new)' : ''}`;
  if (result.dryRun) {
    return `Dry run: ${file} is valid. Importing cycle "${result.cycle.name}" into ${organisation} would create:\n${counts}Nothing was written.\n`;
  }
  return `Imported cycle "${result.cycle.name}" into ${organisation}. Created:\n${counts}`;
}
