import { InvalidArgumentError, type Command } from 'commander';
import { generateOrganisation } from '../../services/generate-organisation.ts';
import { createProgress } from '../progress.ts';
import { dbOption, printJson, withDatabase } from '../run.ts';

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

function asOfDate(value: string): Date {
  const date = new Date(`${value}T12:00:00.000Z`);
  // Round-tripping rejects days that do not exist (2026-02-30 would otherwise become March 2).
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    throw new InvalidArgumentError('expected an existing date YYYY-MM-DD');
  }
  return date;
}

interface GenerateCliOptions {
  people: number;
  seed: string;
  org?: string;
  asOf?: Date;
  db?: string;
  json?: boolean;
  progress: boolean;
}

/** `okr generate`: a large synthetic organisation for benchmarks, the same for the same seed. */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('Generate a large synthetic organisation for benchmarks (same seed, same rows)')
    .requiredOption(
      '--people <n>',
      'number of people (teams, objectives, key results and check-ins scale with it)',
      wholeNumber,
    )
    .option('--seed <seed>', 'seed of the generator', '1')
    .option('--org <slug>', 'slug of the new organisation (default: synthetic-<seed>)')
    .option(
      '--as-of <date>',
      'pretend today is this day (default: today); rows depend only on it and the seed',
      asOfDate,
    )
    .addOption(dbOption())
    .option('--json', 'print the outcome as JSON')
    .option('--no-progress', 'no progress bars')
    .action(async (options: GenerateCliOptions) => {
      await withDatabase(options.db, async (connection) => {
        const seed = /^\d+$/.test(options.seed) ? Number(options.seed) : options.seed;
        const outcome = await generateOrganisation(connection, {
          people: options.people,
          seed,
          ...(options.org === undefined ? {} : { slug: options.org }),
          ...(options.asOf === undefined ? {} : { now: options.asOf }),
          progress: createProgress(options.progress && !options.json),
        });
        if (options.json) {
          printJson({ database: connection.describe, ...outcome });
          return;
        }
        const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        const c = outcome.counts;
        console.log(
          `Generated "${outcome.slug}" (seed ${String(seed)}, cycle ${outcome.cycle.name}) into ${connection.describe}:`,
        );
        console.log(
          `  ${c.users ?? 0} people, ${c.teams ?? 0} teams, ${c.objectives ?? 0} objectives, ${c.alignments ?? 0} alignments, ` +
            `${c.key_results ?? 0} key results, ${c.check_ins ?? 0} check-ins`,
        );
        console.log(
          `  ${outcome.rows.toLocaleString('en')} rows in ${seconds(outcome.loadMs)} ` +
            `(${Math.round(outcome.rows / (outcome.loadMs / 1000)).toLocaleString('en')} rows/s)` +
            (outcome.recomputeMs === null
              ? ''
              : `, progress recomputed in ${seconds(outcome.recomputeMs)}`),
        );
      });
    });
}
