/**
 * The `okr` command. Each sub-command lives in src/cli/commands/<name>.ts and registers itself
 * here; they share database handling and error reporting from ./run.ts.
 */
import { Command, CommanderError } from 'commander';
import { registerBackupCommand } from './commands/backup.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerRecomputeCommand } from './commands/recompute.ts';
import { registerRestoreCommand } from './commands/restore.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerServerCommands } from './commands/server-commands.ts';
import { reportError } from './run.ts';

const program = new Command('okr')
  .description('OKR Wizard: objectives and key results for a whole organisation')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerMigrateCommand(program);
registerDemoCommand(program);
registerGenerateCommand(program);
registerExportCommand(program);
registerImportCommand(program);
registerRecomputeCommand(program);
registerBackupCommand(program);
registerRestoreCommand(program);
registerServeCommand(program);
registerServerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed the message (and help for --help / --version, which exit 0).
    process.exitCode = error.exitCode;
  } else {
    reportError(error);
  }
}
