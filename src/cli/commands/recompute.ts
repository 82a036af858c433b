import type { Command } from 'commander';
import { listOrganisations, resolveOrganisation } from '../../repositories/organisations.ts';
import { recomputeOrganisation } from '../../services/recompute.ts';
import { dbOption, printJson, withDatabase } from '../run.ts';

export function registerRecomputeCommand(program: Command): void {
  program
    .command('recompute')
    .description('Recompute the stored progress and health of every key result and objective')
    .addOption(dbOption())
    .option('--org <slug>', 'only this organisation (default: all)')
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { db?: string; org?: string; json?: boolean }) => {
      await withDatabase(options.db, async (connection) => {
        const organisations = options.org
          ? [await resolveOrganisation(connection, options.org)]
          : await listOrganisations(connection);
        const results = [];
        for (const organisation of organisations) {
          const started = performance.now();
          const outcome = await recomputeOrganisation(connection, organisation.id, new Date());
          results.push({ org: organisation.slug, ...outcome, ms: Math.round(performance.now() - started) });
        }
        if (options.json) printJson(results);
        else
          for (const r of results) {
            console.log(
              `${r.org}: ${r.objectives} objectives and ${r.keyResults} key results recomputed, ${r.changed} changed (${r.ms} ms).`,
            );
          }
      }, { mustExist: true });
    });
}
