/**
 * README's CLI examples are real: every `npx okr` line of its examples block runs as written
 * (with /tmp/ pointing into a fresh folder and the quarters of today's date).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quarterOf } from '../../src/domain/cycle.ts';
import { runOkr } from '../support/cli.ts';

const README = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

function exampleCommands(): string[] {
  const start = README.indexOf('Examples (');
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(start))?.[1] ?? '';
  return block.split('\n').filter((line) => line.startsWith('npx okr '));
}

/** README names the quarters of the day it was written; the demo uses today's. */
function quartersNow(): Record<string, string> {
  const now = new Date();
  const q = (Math.floor(now.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4;
  const current = quarterOf(now.getUTCFullYear(), q).name;
  const previous = q === 1 ? quarterOf(now.getUTCFullYear() - 1, 4).name : quarterOf(now.getUTCFullYear(), (q - 1) as 1 | 2 | 3).name;
  return { '2026-Q4': current, '2026-Q3': previous };
}

describe("README's CLI examples", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-readme-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('run one after another without an error', async () => {
    const commands = exampleCommands();
    expect(commands.length).toBeGreaterThanOrEqual(6);
    const quarters = quartersNow();
    const outputs: string[] = [];
    for (const command of commands) {
      const args = command
        .replace(/^npx okr /, '')
        .replace(/\/tmp\//g, `${dir}/`)
        .replace(/2026-Q[34]/g, (name) => quarters[name] ?? name)
        .split(/\s+/);
      const result = await runOkr(args);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      outputs.push(result.stdout);
    }
    expect(fs.existsSync(path.join(dir, 'q3.json'))).toBe(true);
    expect(outputs.join('\n')).toMatch(/^# /m); // the Markdown report
  }, 180_000);
});
