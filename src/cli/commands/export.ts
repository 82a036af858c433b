import type { Command } from 'commander';

// Placeholder until the command lands.
export function registerExportCommand(program: Command): void {
  program.command('export').description('(not yet available)');
}
