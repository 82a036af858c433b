/**
 * The web app's speed in headless Chromium (`npm run bench:web`, i.e. `tsx bench/web.ts`):
 *
 *   (a) the first page's JavaScript, gzipped: the scripts of dist/web/index.html and the
 *       entry's static imports (its modulepreload links) — target at most 300 kB;
 *   (b) first contentful paint of Home, cache disabled — target at most 1 s;
 *   (c) the alignment map of a generated organisation (30,000 objectives at 10,000 people):
 *       from navigation to the first frame drawn with the data, and to the first input
 *       (expanding a company objective from the keyboard) handled and drawn — target 2 s;
 *   (d) frame times while panning (mouse drag) and zooming (wheel) for about 2 s over the map
 *       with every company objective and the "not aligned" group expanded: p95 and max of the
 *       requestAnimationFrame deltas — target under 50 ms.
 *
 * It builds the web app (`vite build`), generates the organisation into a temporary SQLite file
 * (or reuses `--db <file>` when it already holds it), gives the owner of an objective a
 * password, serves with `okr serve` in a child process and drives Debian's Chromium with
 * playwright-core. Prints a table; with `--write-docs` it also replaces the "Web" section of
 * docs/benchmarks.md (as the other benchmarks do).
 *
 *   npx tsx bench/web.ts [--people 10000] [--runs 3] [--db /tmp/web-bench.db] [--write-docs]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateOrganisation } from '../src/services/generate-organisation.ts';
import { hashPassword } from '../src/services/passwords.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');
const SECTION_HEADING = '## Web (npm run bench:web)';
const SLUG = 'bench-web';
const PASSWORD = 'bench-web-password';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 1280, height: 900 };

// The browser globals the functions given to page.evaluate use (they run in Chromium; the Node
// project has no DOM types).
declare const window: {
  __okrMapReady?: number;
  __frames: number[];
  __recording: boolean;
  scrollTo(x: number, y: number): void;
};
declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
declare function requestAnimationFrame(callback: (time: number) => void): number;

function option(name: string, fallback: string | null): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
}
const people = Number(option('people', '10000'));
const runs = Math.max(1, Number(option('runs', '3')));
const writeDocs = process.argv.includes('--write-docs');
if (!Number.isInteger(people) || people < 1) throw new Error('--people must be a whole number');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-bench-web-'));
const dbFile = option('db', null) ?? path.join(tmp, 'web.db');

const fmtMs = (ms: number) => `${Math.round(ms).toLocaleString('en')} ms`;
const fmtKb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const fmtN = (n: number) => n.toLocaleString('en');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

// ---- (a) the first page's JavaScript -------------------------------------------------------

interface BundleSize {
  files: { file: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
}

function buildWeb(): number {
  const started = performance.now();
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return performance.now() - started;
}

/** The scripts of index.html (the entry and the early reads) and the chunks it preloads. */
function firstPageJavaScript(): BundleSize {
  const webRoot = path.join(root, 'dist', 'web');
  const html = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) sources.add(match[1] as string);
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) sources.add(match[1] as string);
  const files = [...sources].map((source) => {
    const content = fs.readFileSync(path.join(webRoot, source.replace(/^\//, '')));
    return { file: source, raw: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length };
  });
  return {
    files,
    raw: files.reduce((sum, f) => sum + f.raw, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}

// ---- data and server -----------------------------------------------------------------------

interface Fixture {
  email: string;
  objectives: number;
  alignments: number;
  generateMs: number | null;
}

async function prepareData(): Promise<Fixture> {
  const connection = await openDatabase({ dialect: 'sqlite', file: dbFile });
  try {
    await migrateToLatest(connection.db);
    const db = connection.db;
    let org = await db.selectFrom('organisations').select('id').where('slug', '=', SLUG).executeTakeFirst();
    let generateMs: number | null = null;
    if (!org) {
      const started = performance.now();
      process.stderr.write(`Generating a ${fmtN(people)}-person organisation into ${dbFile}…\n`);
      const outcome = await generateOrganisation(connection, { people, seed: 1, slug: SLUG });
      generateMs = performance.now() - started;
      org = { id: outcome.orgId };
    }
    const cycle = await db
      .selectFrom('cycles')
      .select('id')
      .where('org_id', '=', org.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const objectives = await db
      .selectFrom('objectives')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cycle_id', '=', cycle.id)
      .executeTakeFirstOrThrow();
    const alignments = await db
      .selectFrom('alignments as a')
      .innerJoin('objectives as o', 'o.id', 'a.child_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('o.cycle_id', '=', cycle.id)
      .executeTakeFirstOrThrow();
    // Generated people have no password: the owner of an individual objective of the active
    // cycle gets one, so "show my path" has something to show.
    const owner = await db
      .selectFrom('objectives as o')
      .innerJoin('users as u', 'u.id', 'o.owner_id')
      .innerJoin('memberships as m', (join) => join.onRef('m.user_id', '=', 'u.id').on('m.org_id', '=', org.id))
      .select(['u.id', 'u.email'])
      .where('o.cycle_id', '=', cycle.id)
      .where('o.level', '=', 'individual')
      .orderBy('o.id')
      .executeTakeFirstOrThrow();
    await db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', owner.id).execute();
    return { email: owner.email, objectives: objectives.n, alignments: alignments.n, generateMs };
  } finally {
    await connection.close();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'okr.js'), 'serve', '--port', String(port), '--db', dbFile], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`okr serve exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/`);
      const body = await response.text();
      if (!body.includes('<div id="root">'))
        throw new Error('okr serve does not serve the web app at /: build it (dist/web) or wire it into the server');
      return { base, child };
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('okr serve')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error('okr serve did not start within 150 s');
}

// ---- the browser ---------------------------------------------------------------------------

async function signIn(context: BrowserContext, base: string, email: string): Promise<string> {
  const response = await context.request.post(`${base}/api/v1/auth/login`, { data: { email, password: PASSWORD } });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  const me = await context.request.get(`${base}/api/v1/me`);
  const body = (await me.json()) as { organisations: { slug: string }[] };
  const org = body.organisations.find((o) => o.slug === SLUG) ?? body.organisations[0];
  if (!org) throw new Error('the signed-in person has no organisation');
  return org.slug;
}

async function freshPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  return page;
}

/** (b) First contentful paint of Home, ms after navigation start. */
async function homeFcp(context: BrowserContext, base: string, slug: string): Promise<number> {
  const page = await freshPage(context);
  try {
    await page.goto(`${base}/orgs/${slug}/home`, { waitUntil: 'load' });
    // As text: PerformanceObserver's 'paint' entries are browser types the Node project lacks.
    return await page.evaluate<number>(`new Promise((resolve) => {
      new PerformanceObserver((list) => {
        const fcp = list.getEntries().find((entry) => entry.name === 'first-contentful-paint');
        if (fcp) resolve(fcp.startTime);
      }).observe({ type: 'paint', buffered: true });
    })`);
  } finally {
    await page.close();
  }
}

interface MapTimes {
  firstFrame: number;
  interactive: number;
  treeRequestMs: number;
}

/** (c) Navigation → first frame with the data, and → the first keyboard expand drawn. */
async function mapReady(context: BrowserContext, base: string, slug: string): Promise<{ page: Page; times: MapTimes }> {
  const page = await freshPage(context);
  await page.goto(`${base}/orgs/${slug}/alignment`);
  await page.waitForFunction(() => window.__okrMapReady !== undefined, undefined, { timeout: 60_000, polling: 20 });
  const canvas = page.locator('canvas.amap-canvas');
  await canvas.focus();
  const before = await canvas.getAttribute('data-visible-nodes');
  await page.keyboard.press('ArrowRight'); // selects the first company objective
  await page.keyboard.press('ArrowRight'); // expands it
  await page.waitForFunction(
    (count) => document.querySelector('canvas.amap-canvas')?.getAttribute('data-visible-nodes') !== count,
    before,
    { polling: 'raf' },
  );
  const interactive = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
  const firstFrame = await page.evaluate(() => window.__okrMapReady ?? Number.NaN);
  const treeRequestMs = await page.evaluate<number>(`(() => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/tree'));
    return entry ? entry.responseEnd - entry.startTime : NaN;
  })()`);
  return { page, times: { firstFrame, interactive, treeRequestMs } };
}

interface FrameStats {
  frames: number;
  p95: number;
  max: number;
  visibleNodes: number;
}

/** (d) Drag to pan, then wheel to zoom, each about a second, recording rAF deltas. */
async function panAndZoom(page: Page): Promise<{ pan: FrameStats; zoom: FrameStats }> {
  const canvas = page.locator('canvas.amap-canvas');
  // A big map: every top-level node expanded. The first company objective is selected and
  // expanded already (mapReady); ArrowDown walks the top-level column, Enter expands.
  await page.evaluate(() => window.scrollTo(0, 0));
  await canvas.focus();
  const topLevel = Number(await canvas.getAttribute('data-top-level-nodes'));
  for (let i = 1; i < topLevel; i++) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // Let the map lay the expansion out before the next key.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  await page.waitForFunction(() => document.querySelector('canvas.amap-canvas')?.getAttribute('data-visible-nodes') !== null);
  await page.keyboard.press('0'); // fit
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const visibleNodes = Number(await canvas.getAttribute('data-visible-nodes'));
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;

  const record = async (drive: () => Promise<void>): Promise<FrameStats> => {
    // As text: tsx would wrap a named inner function in a helper the page does not have.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__recording = true;
      const loop = (t) => {
        window.__frames.push(t);
        if (window.__recording) requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    })()`);
    await drive();
    const frames = await page.evaluate(() => {
      const w = window;
      w.__recording = false;
      return w.__frames;
    });
    const deltas = frames.slice(1).map((t, i) => t - (frames[i] as number));
    return { frames: frames.length, p95: percentile(deltas, 95), max: Math.max(...deltas), visibleNodes };
  };

  const pan = await record(async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const started = Date.now();
    for (let step = 0; Date.now() - started < 1000; step++) {
      const angle = step / 8;
      await page.mouse.move(cx + Math.cos(angle) * box.width * 0.3, cy + Math.sin(angle) * box.height * 0.3);
    }
    await page.mouse.up();
  });
  const zoom = await record(async () => {
    await page.mouse.move(cx, cy);
    const started = Date.now();
    for (let step = 0; Date.now() - started < 1000; step++) {
      await page.mouse.wheel(0, step % 20 < 10 ? 60 : -60);
    }
  });
  return { pan, zoom };
}

// ---- the report ----------------------------------------------------------------------------

interface Results {
  bundle: BundleSize;
  buildMs: number;
  fixture: Fixture;
  fcp: number[];
  map: MapTimes[];
  pan: FrameStats;
  zoom: FrameStats;
  chromium: string;
  load: [number, number];
  at: string;
}

function rows(r: Results): string[][] {
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  const firstFrame = median(r.map.map((m) => m.firstFrame));
  const interactive = median(r.map.map((m) => m.interactive));
  const fcp = median(r.fcp);
  return [
    ['first page JavaScript, gzipped (entry + static imports)', `${fmtKb(r.bundle.gzip)} (${fmtKb(r.bundle.raw)} raw, ${r.bundle.files.length} files)`, `<= 300 kB ${mark(r.bundle.gzip <= 300 * 1024)}`],
    [`first contentful paint of Home, cache off, median of ${r.fcp.length}`, `${fmtMs(fcp)} (max ${fmtMs(Math.max(...r.fcp))})`, `<= 1 s ${mark(fcp <= 1000)}`],
    [`alignment map, ${fmtN(r.fixture.objectives)} objectives: navigation → first frame with data, median of ${r.map.length}`, `${fmtMs(firstFrame)} (tree request ${fmtMs(median(r.map.map((m) => m.treeRequestMs)))})`, ''],
    [`alignment map: navigation → first input (expand) handled and drawn, median of ${r.map.length}`, `${fmtMs(interactive)} (max ${fmtMs(Math.max(...r.map.map((m) => m.interactive)))})`, `<= 2 s ${mark(interactive <= 2000)}`],
    [`pan (mouse drag ~1 s, ${fmtN(r.pan.visibleNodes)} nodes laid out): frame time p95 / max`, `${fmtMs(r.pan.p95)} / ${fmtMs(r.pan.max)} over ${r.pan.frames} frames`, `< 50 ms ${mark(r.pan.p95 < 50 && r.pan.max < 50)}`],
    [`zoom (wheel ~1 s): frame time p95 / max`, `${fmtMs(r.zoom.p95)} / ${fmtMs(r.zoom.max)} over ${r.zoom.frames} frames`, `< 50 ms ${mark(r.zoom.p95 < 50 && r.zoom.max < 50)}`],
  ];
}

function section(r: Results): string {
  const cpus = os.cpus();
  const table = ['| measurement | result | target |', '|---|---|---|', ...rows(r).map((row) => `| ${row.join(' | ')} |`)].join('\n');
  return `${SECTION_HEADING}

Measured by \`npm run bench:web\` (\`bench/web.ts\`); rerun it with \`-- --write-docs\` to refresh this section (only).

- Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; Node.js ${process.version}
- Browser: headless Chromium ${r.chromium} (Debian's, \`--disable-gpu\`: software rendering), viewport ${VIEWPORT.width}×${VIEWPORT.height}
- Data: \`generateOrganisation\` with ${fmtN(people)} people; the active cycle has ${fmtN(r.fixture.objectives)} objectives and ${fmtN(r.fixture.alignments)} alignments; served by \`okr serve\` on SQLite in a child process
- Run at ${r.at}; 1-minute load average ${r.load[0].toFixed(1)} at the start, ${r.load[1].toFixed(1)} at the end${r.load[0] > cpus.length * 0.75 ? ` (on ${cpus.length} cores: other work was running, so times are pessimistic)` : ''}

${table}

What is measured:

- **First page JavaScript**: every script of \`dist/web/index.html\` (the entry chunk and \`early-reads.js\`) and the chunks it preloads (its static imports), each gzipped at level 9. Pages loaded with \`React.lazy\` (all but Home and sign-in) are not part of it.
- **First contentful paint**: a signed-in person opens Home with the browser cache disabled; the \`first-contentful-paint\` entry of a \`PerformanceObserver\` of type \`paint\`.
- **Alignment map**: from navigation (\`performance.now()\` origin) to the first frame the canvas draws with the tree (\`window.__okrMapReady\`), which includes fetching and parsing the cycle's tree (opened at the map's address, \`early-reads.js\` asks for it before the app has loaded); then ArrowRight twice on the canvas (select, expand the first company objective) and the time at the next animation frame after the map re-laid out. The first run meets a server that has not built the tree yet (usually the max); the others find it ready.
- **Pan and zoom**: with every company objective and the "not aligned" group expanded, a mouse drag in circles for about a second, then wheel steps in and out for about a second, while a \`requestAnimationFrame\` loop records frame times. The map lays out only expanded nodes, draws only those on screen (a binary search per column) with one path per colour, and drops text, then icons, as the zoom makes them unreadable.
`;
}

function writeSection(file: string, text: string): void {
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === SECTION_HEADING);
  const body = `${text.trimEnd()}\n`;
  if (start === -1) {
    fs.writeFileSync(file, `${doc.trimEnd()}\n\n${body}`);
    return;
  }
  let end = start + 1;
  let fenced = false;
  for (; end < lines.length; end++) {
    const line = lines[end] ?? '';
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && /^## /.test(line)) break;
  }
  const before = lines.slice(0, start).join('\n').trimEnd();
  const after = lines.slice(end).join('\n').trim();
  fs.writeFileSync(file, `${before ? `${before}\n\n` : ''}${body}${after ? `\n${after}\n` : ''}`);
}

// ---- main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const load0 = os.loadavg()[0] ?? 0;
  const at = new Date().toISOString();
  process.stderr.write('Building the web app…\n');
  const buildMs = buildWeb();
  const bundle = firstPageJavaScript();
  const fixture = await prepareData();
  const { base, child } = await startServer();
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: VIEWPORT });
    const slug = await signIn(context, base, fixture.email);
    // Warm the server (first requests compile routes and fill statement caches).
    await context.request.get(`${base}/api/v1/orgs/${slug}/me/okrs`);

    const fcp: number[] = [];
    for (let i = 0; i < Math.max(5, runs); i++) fcp.push(await homeFcp(context, base, slug));
    const map: MapTimes[] = [];
    let last: Page | null = null;
    for (let i = 0; i < runs; i++) {
      const { page, times } = await mapReady(context, base, slug);
      map.push(times);
      if (last) await last.close();
      last = page;
    }
    if (!last) throw new Error('no map page');
    const { pan, zoom } = await panAndZoom(last);
    const results: Results = {
      bundle,
      buildMs,
      fixture,
      fcp,
      map,
      pan,
      zoom,
      chromium: browser.version(),
      load: [load0, os.loadavg()[0] ?? 0],
      at,
    };
    const table = rows(results);
    const width = Math.max(...table.map((row) => (row[0] as string).length));
    console.log(`\nWeb benchmark (${fmtN(people)} people, Chromium ${results.chromium}, load ${load0.toFixed(1)} on ${os.cpus().length} cores)\n`);
    for (const row of table) console.log(`${(row[0] as string).padEnd(width)}  ${row[1] as string}  ${row[2] as string}`);
    for (const f of bundle.files) console.log(`  ${f.file}: ${fmtKb(f.gzip)} gzipped`);
    console.log(`  map runs: ${map.map((m) => `${fmtMs(m.firstFrame)} → ${fmtMs(m.interactive)}`).join(', ')}; FCP runs: ${fcp.map(fmtMs).join(', ')}`);
    if (writeDocs) {
      const docFile = path.join(root, 'docs', 'benchmarks.md');
      writeSection(docFile, section(results));
      console.log(`\nWrote the "${SECTION_HEADING}" section of ${path.relative(root, docFile)}.`);
    }
  } finally {
    await browser?.close();
    child.kill('SIGTERM');
    if (!option('db', null)) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
