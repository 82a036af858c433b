import type { Command } from 'commander';
import { loadDemoOrganisation } from '../../services/demo-organisation.ts';
import { dbOption, printJson, withDatabase } from '../run.ts';

/** `okr demo`: loads the demo organisation Acme and prints how to sign in. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Load the demo organisation "Acme" (about 60 people, two quarters of OKRs and check-ins)',
    )
    .addOption(dbOption())
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      await withDatabase(options.db, async (connection) => {
        const outcome = await loadDemoOrganisation(connection);
        if (options.json) {
          printJson({ database: connection.describe, ...outcome });
          return;
        }
        const c = outcome.counts;
        console.log(
          `Loaded the demo organisation "${outcome.name}" (${outcome.slug}) into ${connection.describe}:`,
        );
        console.log(`  ${c.users ?? 0} people in ${c.teams ?? 0} teams`);
        for (const cycle of outcome.cycles) {
          console.log(
            `  cycle ${cycle.name} (${cycle.startDate} to ${cycle.endDate}, ${cycle.status})`,
          );
        }
        console.log(
          `  ${c.objectives ?? 0} objectives, ${c.key_results ?? 0} key results, ${c.check_ins ?? 0} check-ins, ` +
            `${c.initiatives ?? 0} initiatives, ${c.dependencies ?? 0} dependencies, ${c.comments ?? 0} comments`,
        );
        console.log('');
        console.log(`Sign in with any of these (password: ${outcome.password}):`);
        const width = Math.max(...outcome.signIns.map((s) => s.email.length));
        for (const signIn of outcome.signIns) {
          console.log(
            `  ${signIn.email.padEnd(width)}  ${signIn.role}, ${signIn.name}: ${signIn.shows}`,
          );
        }
      });
    });
}
