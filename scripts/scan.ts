/**
 * `npm run scan`: sqlmap and wapiti against our own server, on loopback, signed in.
 *
 * 1. Installs sqlmap and wapiti from Debian when missing (apt-get; root or passwordless sudo).
 * 2. Builds the web app into dist/web when it is not built (as `npm start` does).
 * 3. Loads the demo organisation into a SQLite file in a temporary folder (`okr demo`) and
 *    serves it (`okr serve`, with `--secure-cookies` as behind HTTPS in production, and the
 *    sign-in rate limits raised so the scanners reach the sign-in code, not the limiter).
 * 4. Signs in as the demo admin: a session cookie (wapiti) and a personal API token (sqlmap).
 * 5. sqlmap (`--batch`, level 3, risk 2, techniques BEUST) on every parameterised GET route it
 *    is given (list filters, cursors, ids in the path marked with `*`) with the bearer token,
 *    and on the sign-in body. wapiti (explicit modules, `--no-bugreport`, stdin from /dev/null)
 *    crawls the pages and the API's GET URLs with the session cookie and attacks them.
 * 6. Reads their reports (scripts/scan-findings.ts) and exits non-zero on any finding, or when a
 *    run cannot be read. `--keep` keeps the temporary folder (reports, server log).
 *
 * docs/reliability.md ("Scanners") says what the last run found and why the levels are these.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readSqlmap, readWapiti, type ToolResult, type WapitiItem } from './scan-findings.ts';

const root = path.resolve(import.meta.dirname, '..');
const okr = path.join(root, 'bin', 'okr.js');
const keep = process.argv.includes('--keep');

/** The modules wapiti runs: every attack that works offline, and the passive header checks. */
const WAPITI_MODULES = [
  'sql',
  'blindsql',
  'exec',
  'file',
  'xss',
  'permanentxss',
  'crlf',
  'redirect',
  'xxe',
  'backup',
  'htaccess',
  'methods',
  'shellshock',
  'csrf',
  'cookieflags',
  'http_headers',
  'csp',
];

function log(message: string): void {
  process.stdout.write(`[scan] ${message}\n`);
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function ensureScanners(): void {
  if (has('sqlmap') && has('wapiti')) return;
  log('installing sqlmap and wapiti from Debian (apt-get)');
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  for (const args of [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', 'sqlmap', 'wapiti'],
  ]) {
    const [command = '', ...rest] = [...asRoot, ...args];
    const run = spawnSync(command, rest, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`${[command, ...rest].join(' ')} failed (${run.status})`);
  }
}

function ensureWebApp(): void {
  if (fs.existsSync(path.join(root, 'dist', 'web', 'index.html'))) return;
  log('building the web app (npm run build:web)');
  const run = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('npm run build:web failed');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to its end with stdin from /dev/null, echoing and keeping its output. */
function run(
  command: string,
  args: string[],
  logFile: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = fs.createWriteStream(logFile);
    let text = '';
    const take = (chunk: Buffer) => {
      text += chunk.toString();
      out.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('close', (code) => {
      out.end();
      resolve({ code, out: text });
    });
  });
}

async function startServer(dir: string): Promise<{ base: string; child: ChildProcess }> {
  const db = path.join(dir, 'okr.db');
  const demo = spawnSync(process.execPath, [okr, 'demo', '--db', db], {
    cwd: root,
    encoding: 'utf8',
  });
  if (demo.status !== 0) throw new Error(`okr demo failed: ${demo.stderr}`);
  const port = await freePort();
  const serverLog = fs.openSync(path.join(dir, 'server.log'), 'w');
  const child = spawn(
    process.execPath,
    [
      okr,
      'serve',
      '--db',
      db,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--secure-cookies',
      '--log-level',
      'warn',
    ],
    {
      cwd: root,
      stdio: ['ignore', serverLog, serverLog],
      env: {
        ...process.env,
        OKR_LOGIN_LIMIT_PER_IP: '1000000',
        OKR_LOGIN_LIMIT_PER_ACCOUNT: '1000000',
      },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`okr serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { base, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('okr serve did not start within a minute');
}

interface Session {
  /** `okr_session=…`, as a Cookie header sends it. */
  cookie: string;
  /** The whole Set-Cookie of the sign-in, with its attributes. */
  setCookie: string;
  token: string;
}

async function signIn(base: string): Promise<Session> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@acme.test', password: 'okr-demo' }),
  });
  const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('okr_session='));
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  if (login.status !== 200 || !setCookie) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = setCookie.split(';')[0] ?? '';
  log(`signed in as admin@acme.test: ${setCookie.replace(/=[^;]+/, '=…')}`);
  const created = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'npm run scan', expiresInDays: 1 }),
  });
  const { token } = (await created.json()) as { token: string };
  if (created.status !== 201 || !token) throw new Error(`token creation failed: ${created.status}`);
  return { cookie, setCookie, token };
}

/**
 * Checks a wapiti report against the server now and returns why it is false, or null when it
 * stands. Only reports whose claim can be disproved by a request are accepted this way.
 */
function disprove(base: string, session: Session) {
  const read = async (url: string) => {
    const response = await fetch(`${base}${url}`, { headers: { cookie: session.cookie } });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };
  return async (item: WapitiItem): Promise<string | null> => {
    if (item.category === 'Backup file' && item.path.endsWith('~')) {
      const [shell, backup, original] = await Promise.all([
        read('/'),
        read(item.path),
        read(item.path.slice(0, -1)),
      ]);
      const isShell = (r: { status: number; text: string }) =>
        r.status === 200 && r.text === shell.text;
      if (shell.text.includes('<div id="root">') && isShell(backup) && isShell(original))
        return 'both answers are the app shell (index.html), which the single-page app serves for every page path; there is no file of that name';
    }
    if (
      item.category === 'HTTP Secure Headers' &&
      item.info.includes('X-XSS-Protection is not set')
    ) {
      const { headers } = await read(item.path || '/');
      const csp = headers.get('content-security-policy') ?? '';
      if (headers.get('x-xss-protection') === '0' && /script-src 'self'(;|$)/.test(csp))
        return "sent as 0 on purpose (helmet, OWASP): browsers removed the XSS auditor, which could itself be abused; a Content-Security-Policy with script-src 'self' protects instead";
    }
    if (item.category === 'Secure Flag cookie' && item.info.includes('okr_session')) {
      if (/;\s*Secure/i.test(session.setCookie) && /;\s*HttpOnly/i.test(session.setCookie))
        return "the server sets it Secure and HttpOnly (the sign-in's Set-Cookie under --secure-cookies); wapiti judges the copy handed to it in its cookie file, which must be non-secure for wapiti to send it over loopback HTTP";
    }
    return null;
  };
}

/** Ids and a cursor of the demo, so the scanned URLs reach the code behind the 404s. */
async function demoIds(base: string, token: string) {
  const get = async <T>(url: string): Promise<T> => {
    const response = await fetch(`${base}/api/v1/orgs/acme${url}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    return (await response.json()) as T;
  };
  type Page = { items: { id: string }[]; nextCursor: string | null };
  const cycle = (await get<Page>('/cycles?status=active')).items[0]?.id ?? '';
  const objectives = await get<Page>(`/objectives?cycle=${cycle}&level=team&limit=2`);
  const objective = objectives.items[0]?.id ?? '';
  const detail = await get<{
    team: { id: string };
    owner: { id: string };
    keyResults: { id: string }[];
  }>(`/objectives/${objective}`);
  return {
    cycle,
    objective,
    cursor: objectives.nextCursor ?? '',
    team: detail.team.id,
    owner: detail.owner.id,
    keyResult: detail.keyResults[0]?.id ?? '',
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  ensureScanners();
  ensureWebApp();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-scan-'));
  let server: ChildProcess | undefined;
  const results: ToolResult[] = [];
  try {
    const started_ = await startServer(dir);
    server = started_.child;
    const { base } = started_;
    log(`serving the demo at ${base} (${dir})`);
    const session = await signIn(base);
    const ids = await demoIds(base, session.token);
    const org = `${base}/api/v1/orgs/acme`;
    const lists = [
      `${org}/objectives?cycle=${ids.cycle}&level=team&team=${ids.team}&owner=${ids.owner}&status=active&health=on_track&tag=growth&q=checkout&limit=5&cursor=${ids.cursor}`,
      `${org}/members?text=tom&role=admin&team=${ids.team}&limit=5`,
      `${org}/dependencies?keyResultId=${ids.keyResult}&teamId=${ids.team}&status=open&limit=5`,
      `${org}/activity?objectiveId=${ids.objective}&limit=5`,
      `${org}/audit?objectId=${ids.objective}&actorId=${ids.owner}&action=objective.created&limit=5`,
      `${org}/cycles?status=active&limit=5`,
      `${org}/me/okrs?cycle=${ids.cycle}`,
      `${org}/key-results/${ids.keyResult}/check-ins?limit=5`,
      // The lists and searches of strategy, KPIs, notes, the FAQ, questions, announcements and
      // notifications.
      `${org}/strategy?cycle=${ids.cycle}`,
      `${org}/kpis?archived=true`,
      `${org}/notes?q=latency&kind=learning&limit=5`,
      `${org}/faq?q=check`,
      `${org}/questions?status=open&limit=5`,
      `${org}/announcements?pending=true&limit=5`,
      `${org}/me/notifications?unread=true&limit=5`,
    ];
    const withIdsInPath = [
      `${base}/api/v1/orgs/acme*/teams`,
      `${org}/objectives/${ids.objective}*`,
      `${org}/key-results/${ids.keyResult}*`,
      `${org}/cycles/${ids.cycle}*/tree`,
      `${org}/members/${ids.owner}*`,
      `${org}/teams/${ids.team}*`,
    ];

    // sqlmap: the GET routes with the bearer token, then the sign-in body.
    const sqlmapCommon = [
      '--batch',
      '--level=3',
      '--risk=2',
      '--technique=BEUST',
      '--threads=2',
      '--disable-coloring',
      '--skip-waf',
      '--flush-session',
    ];
    const bulk = path.join(dir, 'sqlmap-targets.txt');
    fs.writeFileSync(bulk, `${[...lists, ...withIdsInPath].join('\n')}\n`);
    log(`sqlmap on ${lists.length + withIdsInPath.length} API URLs`);
    const getOut = path.join(dir, 'sqlmap-get');
    const get = await run(
      'nice',
      [
        '-n',
        '10',
        'sqlmap',
        '-m',
        bulk,
        `--headers=Authorization: Bearer ${session.token}`,
        `--output-dir=${getOut}`,
        ...sqlmapCommon,
      ],
      path.join(dir, 'sqlmap-get.log'),
    );
    results.push(
      readSqlmap(
        'sqlmap (API GET routes)',
        get.out,
        getOut,
        lists.length + withIdsInPath.length,
        get.code,
      ),
    );
    log('sqlmap on the sign-in body');
    const loginOut = path.join(dir, 'sqlmap-login');
    const login = await run(
      'nice',
      [
        '-n',
        '10',
        'sqlmap',
        '-u',
        `${base}/api/v1/auth/login`,
        '--method=POST',
        // A wrong password: every answer is a 401 unless an injection signs in.
        '--data={"email":"member@acme.test","password":"not-the-password"}',
        '--headers=Content-Type: application/json',
        // sqlmap would stop at the first 401.
        '--ignore-code=401',
        `--output-dir=${loginOut}`,
        ...sqlmapCommon,
      ],
      path.join(dir, 'sqlmap-login.log'),
    );
    results.push(readSqlmap('sqlmap (sign-in body)', login.out, loginOut, 1, login.code));

    // wapiti: the pages and the API's GET URLs, with the session cookie.
    const [cookieName = '', cookieValue = ''] = session.cookie.split('=');
    const cookieFile = path.join(dir, 'wapiti-cookie.json');
    fs.writeFileSync(
      cookieFile,
      JSON.stringify({
        '127.0.0.1': {
          '/': {
            [cookieName]: {
              value: cookieValue,
              version: 0,
              expires: null,
              secure: false,
              port: null,
            },
          },
        },
      }),
    );
    const pages = [
      '/',
      '/signin',
      '/account',
      '/orgs/acme/home',
      '/orgs/acme/company',
      '/orgs/acme/teams',
      '/orgs/acme/alignment',
      '/orgs/acme/dashboard',
      `/orgs/acme/objectives/${ids.objective}`,
      `/orgs/acme/teams/${ids.team}`,
      '/api/docs',
    ];
    const report = path.join(dir, 'wapiti.json');
    log(
      `wapiti (${WAPITI_MODULES.length} modules) on ${pages.length} pages and ${lists.length} API URLs`,
    );
    const wapiti = await run(
      'nice',
      [
        '-n',
        '10',
        'wapiti',
        '-u',
        `${base}/`,
        '--scope',
        'folder',
        '-m',
        WAPITI_MODULES.join(','),
        '-c',
        cookieFile,
        ...pages.flatMap((p) => ['-s', `${base}${p}`]),
        ...lists.flatMap((url) => ['-s', url]),
        '-s',
        `${base}/api/v1/openapi.json`,
        '-d',
        '5',
        '--max-scan-time',
        '600',
        '--max-attack-time',
        '120',
        '-t',
        '10',
        '-f',
        'json',
        '-o',
        report,
        '--flush-session',
        '--store-session',
        path.join(dir, 'wapiti-session'),
        '--store-config',
        path.join(dir, 'wapiti-config'),
        '--no-bugreport',
        '-v',
        '1',
      ],
      path.join(dir, 'wapiti.log'),
    );
    const result = await readWapiti(report, wapiti.code, wapiti.out, disprove(base, session));
    // wapiti 3.0.4 cannot exclude a URL on Python 3.11 (-x raises re.error), so the session is
    // checked afterwards: had the crawl signed itself out, it would have scanned signed out.
    const me = await fetch(`${base}/api/v1/me`, { headers: { cookie: session.cookie } });
    if (me.status !== 200 && !result.problem)
      result.problem = `the session ended during the wapiti scan (${me.status})`;
    results.push(result);
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server?.once('exit', resolve));
    }
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }

  let failed = false;
  for (const result of results) {
    const verdict = result.problem
      ? 'INCONCLUSIVE'
      : result.findings.length > 0
        ? 'FINDINGS'
        : 'clean';
    log(`${result.tool}: ${verdict} — ${result.summary}`);
    if (result.problem) log(`  ${result.problem}`);
    for (const finding of result.findings) log(`  ${finding}`);
    for (const accepted of result.accepted) log(`  (false positive, checked) ${accepted}`);
    if (result.problem || result.findings.length > 0) failed = true;
  }
  log(`${failed ? 'FAILED' : 'passed'} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
