/**
 * `okr export`: a whole cycle as JSON or CSV (files that `okr import` reads back exactly) or as a
 * Markdown report, to stdout or to a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../contracts/app-error.ts';
import { CYCLE_FILE_FORMATS, type CycleFileFormat } from '../../contracts/cycle-file.ts';
import { exportCycle } from '../../services/export-cycle.ts';
import { dbOption, withDatabase } from '../run.ts';
import { makeFolders } from '../../db/folders.ts';

interface ExportOptions {
  cycle: string;
  format?: CycleFileFormat;
  out?: string;
  org?: string;
  db?: string;
}

const EXTENSIONS: Record<string, CycleFileFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Export a whole cycle as JSON or CSV (re-importable with okr import) or as a Markdown report',
    )
    .requiredOption('--cycle <name-or-id>', 'the cycle to export, by name or id')
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: from the --out extension, else json)',
      ).choices(CYCLE_FILE_FORMATS),
    )
    .option('--out <file>', 'write to this file (its folder is created) instead of stdout')
    .option('--org <slug>', 'the organisation (default: the only one in the database)')
    .addOption(dbOption())
    .action(async (options: ExportOptions) => {
      const format = options.format ?? formatFromName(options.out) ?? 'json';
      const result = await withDatabase(
        options.db,
        (connection) => exportCycle(connection, { organisation: options.org, cycle: options.cycle, format }),
        { mustExist: true },
      );
      if (options.out === undefined) {
        process.stdout.write(result.content);
        return;
      }
      writeFileAtomically(options.out, result.content);
      process.stderr.write(
        `Exported cycle "${result.cycle.name}" of ${result.organisation} (${result.objectives} objectives, ` +
          `${result.keyResults} key results) as ${format} to ${options.out}\n`,
      );
    });
}

function formatFromName(file: string | undefined): CycleFileFormat | undefined {
  return file === undefined ? undefined : EXTENSIONS[path.extname(file).toLowerCase()];
}

/** Writes through a temporary file and a rename, so a failed export never leaves half a file. */
function writeFileAtomically(file: string, content: string): void {
  const target = path.resolve(file);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    throw new AppError('bad_input', `Cannot write ${target}: it is a folder; name a file.`);
  }
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    makeFolders(path.dirname(target));
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new AppError('bad_input', `Cannot write ${target}: ${(error as Error).message}`);
  }
}

