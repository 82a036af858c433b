/**
 * docs/deploying.md, run as written: Debian's nginx with docs/examples/nginx.conf (its ports
 * substituted) balancing two real `okr serve` processes (bin/okr.js, started with the settings of
 * docs/examples/okr-wizard.env) on one fresh PostgreSQL database holding the demo organisation.
 * Through nginx: a session made through one instance works on the other, and its sign-out ends
 * it on both; failed sign-ins count against one budget; a check-in through one instance reaches
 * a Chromium page whose live update stream another instance serves, without a reload; every
 * scheduled job runs once between the two; and an instance stopped with SIGTERM drains while
 * nginx sends everything to the other, the page's stream reconnecting there.
 *
 * Outside CI a missing nginx, PostgreSQL or Chromium skips with a printed reason; with CI=true
 * each is a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoOrganisation } from '../../src/services/demo-organisation.ts';
import { JOBS } from '../../src/services/jobs/registry.ts';
import type { Connection } from '../../src/db/connection.ts';
import { browserProblem, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { OKR_BIN } from '../support/cli.ts';
import { createMigratedTestDatabase, openTestConnection, postgresProblem, type TestDatabase } from '../support/databases.ts';
import { builtWebApp } from '../support/web-build.ts';
import { DEMO_PASSWORD, signIn } from '../support/web-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLES = path.join(ROOT, 'docs', 'examples');
const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** null when nginx, PostgreSQL and Chromium are all there; else why not (CI=true: a failure). */
async function suiteSkip(): Promise<string | null> {
  const problems = [
    fs.existsSync(NGINX_PATH) ? null : `${NGINX_PATH} not found; apt-get install -y nginx`,
    await postgresProblem(),
    browserProblem(),
  ].filter((problem): problem is string => problem !== null);
  if (problems.length === 0) return null;
  const reason = problems.join('; ');
  if (process.env.CI === 'true') throw new Error(`CI=true requires nginx, PostgreSQL and Chromium: ${reason}`);
  console.warn(`[skip] nginx with two instances skipped: ${reason}`);
  return reason;
}

const skip = await suiteSkip();

/** A loopback port nothing listens on now (bound, then released): nginx cannot take port 0. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/** docs/examples/okr-wizard.env as a map (KEY=VALUE lines; comments and blanks skipped). */
function documentedSettings(): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(EXAMPLES, 'okr-wizard.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1]) settings[match[1]] = match[2] ?? '';
  }
  return settings;
}

/** The documented nginx site with the instances' ports and nginx's own address substituted. */
function documentedSite(upstreamPorts: readonly [number, number], listen: number): string {
  let site = fs.readFileSync(path.join(EXAMPLES, 'nginx.conf'), 'utf8');
  const swaps: [RegExp, string][] = [
    [/^(\s+)server 127\.0\.0\.1:3001;$/gm, `$1server 127.0.0.1:${upstreamPorts[0]};`],
    [/^(\s+)server 127\.0\.0\.1:3002;$/gm, `$1server 127.0.0.1:${upstreamPorts[1]};`],
    [/^(\s+)listen 80;$/gm, `$1listen 127.0.0.1:${listen};`],
  ];
  for (const [pattern, replacement] of swaps) {
    expect(site.match(pattern), `docs/examples/nginx.conf has ${String(pattern)} once`).toHaveLength(1);
    site = site.replace(pattern, replacement);
  }
  return site;
}

interface Instance {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** How nginx names it in $upstream_addr. */
  address: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node bin/okr.js serve` (the systemd unit's ExecStart) with `env`; resolves once it is ready. */
function startInstance(env: Record<string, string>): Promise<Instance> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OKR_BIN, 'serve'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    const timer = setTimeout(() => reject(new Error(`okr serve did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = Number(/OKR Wizard is running at http:\/\/\S+:(\d+)/.exec(output)?.[1]);
      if (!port) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => (output += more.toString()));
      const url = `http://127.0.0.1:${port}`;
      waitUntilReady(url, () => output).then(
        () => resolve({ child, url, port, address: `127.0.0.1:${port}`, output: () => output, exited }),
        reject,
      );
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`okr serve exited with ${code}:\n${output}`));
    });
  });
}

/** Polls GET /readyz until it answers 200 (connection refused meanwhile is expected). */
async function waitUntilReady(url: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/readyz never answered 200:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A progress bar's value as the page gives it to screen readers (a whole percentage). */
async function percentOf(bar: Locator): Promise<number> {
  const value = await bar.getAttribute('aria-valuenow', { timeout: 15_000 });
  if (value === null) throw new Error('progress bar without aria-valuenow');
  return Number(value);
}

describe('docs/deploying.md', () => {
  it('shows the example files the test runs as they are', () => {
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'deploying.md'), 'utf8');
    for (const file of ['nginx.conf', 'okr-wizard.env', 'okr-wizard@.service']) {
      const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8').trimEnd();
      expect(page, `docs/deploying.md shows docs/examples/${file}`).toContain(`\n${text}\n\`\`\``);
    }
  });
});

describe.skipIf(skip)('two okr serve instances behind nginx on one PostgreSQL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-nginx-'));
  let database: TestDatabase;
  let observer: Connection;
  const instances: Instance[] = [];
  let nginx: ChildProcess | undefined;
  let nginxExited: Promise<number | null> | undefined;
  let proxy: string;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  /** The instance serving the page's live update stream, and the other one. */
  let streaming: Instance;
  let other: Instance;
  /** What the scheduler's job leases had counted when both instances were ready. */
  let runsAtStart: Record<string, number>;
  /** When the instances were started. */
  let startedAt: number;
  let member: { cookie: string; csrfToken: string };
  /** The key result the page shows and the check-ins move. */
  let keyResult: { id: string; title: string; objective_id: string; start_value: number; target_value: number | null };

  /** The instance at an address; of nginx's `A, B` (A failed, then B answered), the last. */
  const byAddress = (addresses: string | null) => {
    const address = (addresses ?? '').split(',').pop()?.trim();
    const found = instances.find((instance) => instance.address === address);
    if (!found) throw new Error(`no instance at ${address}`);
    return found;
  };

  beforeAll(async () => {
    // nginx's workers run as nobody when the master is root: they must reach their temp folders.
    fs.chmodSync(dir, 0o755);
    const [webRoot, migrated, launched] = await Promise.all([
      builtWebApp(),
      createMigratedTestDatabase('postgres'),
      launchBrowser(),
    ]);
    database = migrated;
    browser = launched;
    observer = await openTestConnection(database);
    await loadDemoOrganisation(observer, { now: new Date() });

    const nginxPort = await freePort();
    proxy = `http://127.0.0.1:${nginxPort}`;
    const settings = documentedSettings();
    expect(Object.keys(settings).sort()).toEqual(
      ['OKR_DATABASE_URL', 'OKR_HOST', 'OKR_PUBLIC_URL', 'OKR_SECURE_COOKIES', 'OKR_TRUST_PROXY'].sort(),
    );
    const unit = fs.readFileSync(path.join(EXAMPLES, 'okr-wizard@.service'), 'utf8');
    expect(unit).toContain('ExecStart=/usr/bin/node bin/okr.js serve\n');
    const env = {
      ...settings,
      OKR_DATABASE_URL: database.url,
      OKR_PUBLIC_URL: proxy,
      // Test-only: a free port each, the web app built from the current sources, quiet logs.
      PORT: '0',
      OKR_WEB_ROOT: webRoot,
      OKR_LOG_LEVEL: 'warn',
    };
    // Both at once: their schedulers' first looks at every job race each other.
    startedAt = Date.now();
    const started = await Promise.allSettled([startInstance(env), startInstance(env)]);
    for (const outcome of started) if (outcome.status === 'fulfilled') instances.push(outcome.value);
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    runsAtStart = await runsOf();

    const conf = path.join(dir, 'nginx.conf');
    fs.writeFileSync(path.join(dir, 'okr-wizard.conf'), documentedSite([instances[0]!.port, instances[1]!.port], nginxPort));
    // What Debian's /etc/nginx/nginx.conf gives a site, in the temporary folder; and which
    // instance served each response (the documented site adds no headers of its own).
    fs.writeFileSync(
      conf,
      [
        'worker_processes 1;',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log warn;`,
        'events { worker_connections 256; }',
        'http {',
        `  access_log ${dir}/access.log;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind}_temp;`),
        '  add_header X-Upstream $upstream_addr always;',
        `  include ${dir}/okr-wizard.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    const proxyProcess = spawn(NGINX_PATH, ['-p', dir, '-c', conf, '-e', `${dir}/error.log`, '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    nginx = proxyProcess;
    let nginxOutput = '';
    proxyProcess.stdout?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    proxyProcess.stderr?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    nginxExited = new Promise((resolve) => proxyProcess.once('exit', resolve));
    await waitUntilReady(proxy, () => {
      const log = fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : '';
      return `${nginxOutput}\n${log}`;
    });

    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGTERM');
      await nginxExited;
    }
    for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((instance) => instance.exited));
    await observer?.close();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const runsOf = async () =>
    Object.fromEntries(
      (await observer.db.selectFrom('job_leases').select(['name', 'runs']).execute()).map((row) => [row.name, Number(row.runs)]),
    );

  /** A request through nginx: its response and the instance that served it. */
  async function viaProxy(pathname: string, init: RequestInit = {}) {
    const response = await fetch(`${proxy}${pathname}`, init);
    return { response, instance: byAddress(response.headers.get('x-upstream')) };
  }

  async function signInVia(url: string, email: string, password = DEMO_PASSWORD) {
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    return response;
  }

  it('serves a session made through one instance on the other, and its sign-out ends it on both', async () => {
    const login = await signInVia(proxy, 'member@acme.test');
    expect(login.status).toBe(200);
    const madeBy = byAddress(login.headers.get('x-upstream'));
    const setCookie = login.headers.get('set-cookie') ?? '';
    // OKR_SECURE_COOKIES=false in the settings file means off (plain HTTP here).
    expect(setCookie).not.toMatch(/;\s*secure/i);
    const cookie = setCookie.split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    member = { cookie, csrfToken };

    // Through nginx until the other instance has answered with it too (round robin: the next).
    const servedBy = new Set<Instance>();
    for (let attempt = 0; attempt < 6 && servedBy.size < 2; attempt++) {
      const { response, instance } = await viaProxy('/api/v1/me', { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { user: { email: string } }).user.email).toBe('member@acme.test');
      servedBy.add(instance);
    }
    expect(servedBy.size).toBe(2);
    // And on each instance directly.
    for (const instance of instances) {
      expect((await fetch(`${instance.url}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
    }

    // A second session, signed out through the instance that did not make it: gone everywhere.
    const second = await signInVia(madeBy.url, 'member@acme.test');
    const secondCookie = (second.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const secondCsrf = ((await second.json()) as { csrfToken: string }).csrfToken;
    const elsewhere = instances.find((instance) => instance !== madeBy)!;
    const out = await fetch(`${elsewhere.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: secondCookie, 'x-csrf-token': secondCsrf },
    });
    expect(out.status).toBe(204);
    for (const instance of instances) {
      expect((await fetch(`${instance.url}/api/v1/me`, { headers: { cookie: secondCookie } })).status).toBe(401);
    }
  });

  it('counts failed sign-ins through both instances against one budget', async () => {
    // OKR_LOGIN_LIMIT_PER_ACCOUNT: 10 attempts per account per 15 minutes, wherever they land.
    const servedBy = new Set<Instance>();
    for (let attempt = 0; attempt < 10; attempt++) {
      const { response, instance } = await viaProxy('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ceo@acme.test', password: 'not the password' }),
      });
      expect(response.status).toBe(401);
      servedBy.add(instance);
    }
    expect(servedBy.size).toBe(2);
    for (const instance of instances) {
      const refused = await signInVia(instance.url, 'ceo@acme.test');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('shows a check-in made through one instance on a page whose live stream the other serves, without a reload', async () => {
    await signIn(browser.context, proxy, 'member@acme.test');
    const db = observer.db;
    const owner = await db.selectFrom('users').select('id').where('email', '=', 'member@acme.test').executeTakeFirstOrThrow();
    keyResult = await db
      .selectFrom('key_results as k')
      .innerJoin('objectives as o', 'o.id', 'k.objective_id')
      .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
      .select(['k.id', 'k.title', 'k.objective_id', 'k.start_value', 'k.target_value'])
      .where('k.owner_id', '=', owner.id)
      .where('c.status', '=', 'active')
      .where('k.kind', '=', 'number')
      .orderBy('k.id')
      .executeTakeFirstOrThrow();

    const stream = page.waitForResponse((response) => response.url().includes('/api/v1/orgs/acme/events'));
    await page.goto(`${proxy}/orgs/acme/objectives/${keyResult.objective_id}`);
    const streamResponse = await stream;
    expect(streamResponse.status()).toBe(200);
    expect(await streamResponse.headerValue('content-type')).toContain('text/event-stream');
    streaming = byAddress(await streamResponse.headerValue('x-upstream'));
    other = instances.find((instance) => instance !== streaming)!;

    const bar = page.getByRole('article', { name: keyResult.title }).getByRole('progressbar');
    const before = await percentOf(bar);
    expect(before).toBeLessThan(100);
    await page.evaluate('window.stayed = true');

    // The member's session (made through nginx) and CSRF token, straight to the other instance.
    const checkIn = await fetch(`${other.url}/api/v1/orgs/acme/key-results/${keyResult.id}/check-ins`, {
      method: 'POST',
      headers: { cookie: member.cookie, 'x-csrf-token': member.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ value: Number(keyResult.target_value), note: 'Through the other instance.' }),
    });
    expect(checkIn.status).toBe(201);
    await expect.poll(() => percentOf(bar), { timeout: 10_000 }).toBe(100);
    expect(await page.evaluate('window.stayed === true')).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('runs every scheduled job once between the two instances', async () => {
    // Both started together, and each began looking at every job as it started (before it answered).
    // Wait until a 5-second job has run twice more since both were ready (at least 5 s later:
    // both first looks are long over, and each instance looks again every 5 s): every job ran,
    // without an error, the hourly ones once between the two instances.
    await expect
      .poll(async () => (await runsOf())['send-emails'] ?? 0, { timeout: 20_000, interval: 250 })
      .toBeGreaterThanOrEqual((runsAtStart['send-emails'] ?? 0) + 2);
    const rows = await observer.db
      .selectFrom('job_leases')
      .select(['name', 'runs', 'last_error', 'holder'])
      .orderBy('name')
      .execute();
    expect(rows.map((row) => row.name)).toEqual(JOBS.map((job) => job.name).sort());
    for (const row of rows) {
      const job = JOBS.find((candidate) => candidate.name === row.name)!;
      expect(row.last_error, row.name).toBeNull();
      if (job.everyMs >= 60 * 60_000) expect(Number(row.runs), row.name).toBe(1);
      // The others at most once per period, wherever they ran.
      else expect(Number(row.runs), row.name).toBeLessThanOrEqual(Math.floor((Date.now() - startedAt) / job.everyMs) + 1);
    }
  });

  it('drains an instance on SIGTERM while nginx sends everything to the other, and the page reconnects there', async () => {
    const statuses: number[] = [];
    const stopped = streaming.exited;
    // The page's stream ends with the instance; the browser reconnects through nginx.
    const reconnected = page.waitForResponse((response) => response.url().includes('/api/v1/orgs/acme/events'), {
      timeout: 20_000,
    });
    reconnected.catch(() => undefined); // awaited below; a test failing before must not leave it unhandled
    streaming.child.kill('SIGTERM');
    // Requests keep coming while it drains: every one answered, by whichever instance.
    let gone = false;
    void stopped.then(() => (gone = true));
    const deadline = Date.now() + 20_000;
    while (!gone && Date.now() < deadline) {
      const { response } = await viaProxy('/api/v1/me', { headers: { cookie: member.cookie } });
      statuses.push(response.status);
    }
    expect(await stopped).toBe(0);
    // And once it is gone, by the other.
    for (let request = 0; request < 4; request++) {
      const { response, instance } = await viaProxy('/api/v1/me', { headers: { cookie: member.cookie } });
      statuses.push(response.status);
      expect(instance).toBe(other);
    }
    expect(statuses).toEqual(statuses.map(() => 200));
    expect(streaming.output()).toContain('SIGTERM: finishing requests in flight');

    // The stream is back, on the other instance, and brings the next check-in.
    expect(byAddress(await (await reconnected).headerValue('x-upstream'))).toBe(other);
    const bar = page.getByRole('article', { name: keyResult.title }).getByRole('progressbar');
    const checkIn = await fetch(`${other.url}/api/v1/orgs/acme/key-results/${keyResult.id}/check-ins`, {
      method: 'POST',
      headers: { cookie: member.cookie, 'x-csrf-token': member.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ value: Number(keyResult.start_value), note: 'Back to the start.' }),
    });
    expect(checkIn.status).toBe(201);
    await expect.poll(() => percentOf(bar), { timeout: 10_000 }).toBe(0);
    expect(await page.evaluate('window.stayed === true')).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
