import type { Command } from 'commander';

// Placeholder until the command lands.
export function registerRecomputeCommand(program: Command): void {
  program.command('recompute').description('(not yet available)');
}
