import type { Command } from 'commander';

// Placeholder until the command lands.
export function registerImportCommand(program: Command): void {
  program.command('import').description('(not yet available)');
}
