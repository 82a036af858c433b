import type { Command } from 'commander';

// Placeholder until the command lands.
export function registerDemoCommand(program: Command): void {
  program.command('demo').description('(not yet available)');
}
