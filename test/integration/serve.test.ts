import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OKR_BIN } from '../support/cli.ts';

/** Starts `okr serve` as a real process and waits for its banner. */
function serve(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OKR_BIN, 'serve', '--port', '0', ...args], {
      env: { ...process.env, OKR_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`okr serve did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /OKR Wizard is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`okr serve exited with ${code}:\n${output}`));
    });
  });
}

describe('okr serve', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-serve-'));
  const db = path.join(dir, 'okr.db');
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    server = await serve(['--db', db, '--demo-if-empty']);
  }, 90_000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the demo organisation into an empty database and prints the URL and sign-ins', () => {
    const output = server.output();
    expect(output).toContain('Loaded the demo organisation "Acme"');
    expect(output).toMatch(/OKR Wizard is running at http:\/\/localhost:\d+/);
    for (const email of ['ceo@acme.test', 'champion@acme.test', 'coordinator@acme.test', 'lead@acme.test', 'member@acme.test', 'admin@acme.test']) {
      expect(output).toContain(email);
    }
    expect(output).toContain('okr-demo');
  });

  it('answers health checks, and a demo member can sign in and read their OKRs', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ok', database: 'sqlite' });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'member@acme.test', password: 'okr-demo' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const okrs = await fetch(`${server.url}/api/v1/orgs/acme/me/okrs`, { headers: { cookie } });
    expect(okrs.status).toBe(200);
    const body = (await okrs.json()) as { keyResults: unknown[] };
    expect(body.keyResults.length).toBeGreaterThan(0);
  });

  it('logs each request as JSON with its request id', async () => {
    const response = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-me-12345' } });
    expect(response.headers.get('x-request-id')).toBe('trace-me-12345');
    await new Promise((r) => setTimeout(r, 200));
    const lines = server.output().split('\n').filter((l) => l.includes('trace-me-12345'));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ reqId: 'trace-me-12345' });
  });

  it('on SIGTERM finishes the request in flight, closes the database and exits 0', async () => {
    const inFlight = fetch(`${server.url}/api/v1/openapi.json`);
    await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(await exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing requests in flight');
    // A cleanly closed SQLite database has checkpointed and removed its write-ahead log.
    expect(fs.existsSync(`${db}-wal`)).toBe(false);
  });

  it('refuses a bad port with a clear message', async () => {
    await expect(serve(['--db', db, '--port', 'eighty'])).rejects.toThrow(/--port must be a whole number/);
  });
});
