import type { Command } from 'commander';

// Placeholder until the command lands.
export function registerGenerateCommand(program: Command): void {
  program.command('generate').description('(not yet available)');
}
