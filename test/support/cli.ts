/** Runs the real `okr` command (bin/okr.js) in a child process. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const OKR_BIN = path.resolve(import.meta.dirname, '../../bin/okr.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runOkr(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OKR_BIN, ...args], {
      env: { ...process.env, OKR_DATABASE_URL: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
