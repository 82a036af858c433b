/**
 * API benchmarks (`npm run bench:api`): autocannon on loopback against our server on the
 * generated organisation (SQLite), with ratios against a limit measured in the same run.
 *
 *   tsx bench/api.ts [--people 10000] [--duration 10] [--connections 10] [--rounds 2]
 *                    [--tree-runs 10] [--check-in-owners 100] [--past-runs 5] [--past-days 14]
 *                    [--only bare,post,get,tree,past] [--profile] [--write-docs]
 *
 * 1. The raw limit: a bare Fastify route doing one better-sqlite3 INSERT per request (a table
 *    shaped like check_ins, in its own SQLite file, WAL + synchronous=FULL).
 * 2. Our check-in POST /api/v1/orgs/:org/key-results/:id/check-ins: --check-in-owners people
 *    spread over the organisation, each with an API token, check in on all the key results they
 *    own in the active cycle, in turn. Target: >= 50% of the bare route's rate.
 *    Bare and ours alternate for --rounds rounds, so a change in the machine's load hits both.
 * 3. GET /api/v1/orgs/:org/objectives/:id (with key results and progress) at 32 connections,
 *    rotating over active-cycle objectives. Target: p99 <= 20 ms.
 * 4. The alignment tree GET /api/v1/orgs/:org/cycles/:id/tree, sequential requests, time to the
 *    last byte. Target: <= 300 ms at 30,000 objectives (median; max reported).
 * 5. Time travel: the company page as of --past-days ago, GET /api/v1/orgs/:org/objectives
 *    ?cycle=&level=company&asOf=YYYY-MM-DD: the first look at that day (the whole cycle rewound
 *    from the database), then --past-runs requests each right after a check-in (a settled past
 *    survives ordinary writes in the read cache). Target: <= 500 ms for both.
 *
 * Each server runs in its own process (bench/api-server.ts) so that autocannon does not share
 * its event loop. Every response must be 2xx. Prints a table, saves bench/results/api-<time>.json
 * and, with --write-docs, replaces the API section of docs/benchmarks.md. --profile runs the
 * servers with --cpu-prof and prints where our server's CPU time went.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type RequestData, type Result } from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateOrganisation } from '../src/services/generate-organisation.ts';
import { hashSecret, newSecret } from '../src/services/secrets.ts';
import { API_SECTION_HEADING, writeApiSection } from './api-report.ts';
import { summariseProfile, type ProfileSummary } from './api-profile.ts';
import type { FromServer, ServerMode, StatementStats, ToServer } from './api-server.ts';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'get-connections': { type: 'string', default: '32' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
    'tree-runs': { type: 'string', default: '10' },
    'check-in-owners': { type: 'string', default: '100' },
    'past-runs': { type: 'string', default: '5' },
    'past-days': { type: 'string', default: '14' },
    'get-objectives': { type: 'string', default: '200' },
    only: { type: 'string', default: 'bare,post,get,tree,past' },
    profile: { type: 'boolean', default: false },
    'write-docs': { type: 'boolean', default: false },
  },
});

function whole(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be a whole number >= ${min}; got ${value}`);
  return n;
}

const people = whole('people', args.people, 1);
const duration = whole('duration', args.duration, 1);
const connections = whole('connections', args.connections, 1);
const getConnections = whole('get-connections', args['get-connections'], 1);
const rounds = whole('rounds', args.rounds, 1);
const warmup = Math.min(whole('warmup', args.warmup, 0), duration);
const treeRuns = whole('tree-runs', args['tree-runs'], 1);
/** Tree requests each made right after a check-in, so that the read cache cannot answer them. */
const COLD_TREE_RUNS = 5;
const checkInOwnerCount = whole('check-in-owners', args['check-in-owners'], 1);
const getObjectiveCount = whole('get-objectives', args['get-objectives'], 1);
const pastRuns = whole('past-runs', args['past-runs'], 1);
const pastDays = whole('past-days', args['past-days'], 1);
const phases = new Set((args.only ?? '').split(',').map((p) => p.trim()));
for (const p of phases)
  if (!['bare', 'post', 'get', 'tree', 'past'].includes(p))
    throw new Error(`--only: unknown phase '${p}'`);

const here = path.dirname(fileURLToPath(import.meta.url));
const startedAt = new Date();
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-bench-api-'));
const resultsDir = path.join(here, 'results');
const profileDir = path.join(resultsDir, `api-profile-${stamp}`);
const SLUG = 'bench-api';
const fastifyVersion = (
  createRequire(import.meta.url)('fastify/package.json') as { version: string }
).version;
/** Sequential requests for counting SQL statements per request (not timed). */
const DIAGNOSTIC_REQUESTS = 20;

const fmtN = (n: number): string => Math.round(n).toLocaleString('en');
const fmtMs = (ms: number): string => `${ms.toFixed(1)} ms`;
const loadavg = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

// ---- the data ------------------------------------------------------------------------------

interface CheckInTarget {
  id: string;
  start: number;
  target: number;
  token: string;
}

interface Fixture {
  orgId: string;
  cycleId: string;
  activeObjectives: number;
  checkInKrs: CheckInTarget[];
  owners: number;
  getObjectives: string[];
  readerToken: string;
  generateMs: number;
  counts: Record<string, number>;
}

/** Every k-th of `rows`, so that the picks spread over the whole organisation. */
function spread<T>(rows: T[], n: number): T[] {
  if (rows.length <= n) return rows;
  const step = rows.length / n;
  return Array.from({ length: n }, (_, i) => rows[Math.floor(i * step)] as T);
}

async function prepareData(file: string): Promise<Fixture> {
  const connection = await openDatabase({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(connection.db);
    const started = performance.now();
    const outcome = await generateOrganisation(connection, {
      people,
      seed: 1,
      slug: SLUG,
      now: startedAt,
    });
    const generateMs = performance.now() - started;
    const db = connection.db;
    const cycle = await db
      .selectFrom('cycles')
      .select('id')
      .where('org_id', '=', outcome.orgId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const activeObjectives = (
      await db
        .selectFrom('objectives')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('cycle_id', '=', cycle.id)
        .executeTakeFirstOrThrow()
    ).n;

    // Key results their owners may check in on: public objectives of the active cycle, numeric
    // kinds (a milestone takes only 0 or 1) with a target, so any value between start and
    // target is valid.
    const krRows = await db
      .selectFrom('key_results as k')
      .innerJoin('objectives as o', 'o.id', 'k.objective_id')
      .select(['k.id', 'k.owner_id', 'k.start_value', 'k.target_value'])
      .where('o.cycle_id', '=', cycle.id)
      .where('o.visibility', '=', 'public')
      .where('k.kind', '!=', 'milestone')
      .where('k.owner_id', 'is not', null)
      .where('k.target_value', 'is not', null)
      .orderBy('k.id')
      .execute();
    // Owners spread over the organisation, each with a token and all their eligible key results.
    const byOwner = new Map<string, typeof krRows>();
    for (const kr of krRows)
      byOwner.set(kr.owner_id as string, [...(byOwner.get(kr.owner_id as string) ?? []), kr]);
    const owners = spread([...byOwner.keys()].sort(), checkInOwnerCount);

    // One API token per owner, stored the way the server stores them (sha256 of the secret).
    const tokens = new Map(owners.map((owner) => [owner, `okr_${newSecret(24)}`]));
    const at = startedAt.toISOString();
    await db.transaction().execute(async (trx) => {
      for (const [userId, token] of tokens) {
        await trx
          .insertInto('api_tokens')
          .values({
            id: uuidv7(),
            token_hash: hashSecret(token),
            user_id: userId,
            name: 'bench',
            prefix: token.slice(0, 8),
            created_at: at,
          })
          .execute();
      }
    });
    // Interleaved (one key result of each owner in turn), so consecutive requests differ in owner.
    const perOwner = owners.map((owner) => byOwner.get(owner) ?? []);
    const checkInKrs: CheckInTarget[] = [];
    for (let i = 0; perOwner.some((krs) => i < krs.length); i++) {
      owners.forEach((owner, o) => {
        const kr = perOwner[o]?.[i];
        if (kr)
          checkInKrs.push({
            id: kr.id,
            start: kr.start_value,
            target: kr.target_value as number,
            token: tokens.get(owner) as string,
          });
      });
    }
    const readerToken = checkInKrs[0]?.token;
    if (!readerToken) throw new Error('No key result to check in on: is the organisation empty?');

    const objectiveRows = await db
      .selectFrom('objectives as o')
      .select('o.id')
      .where('o.cycle_id', '=', cycle.id)
      .where('o.visibility', '=', 'public')
      .where((eb) =>
        eb.exists(
          eb.selectFrom('key_results as k').select('k.id').whereRef('k.objective_id', '=', 'o.id'),
        ),
      )
      .orderBy('o.id')
      .execute();
    const getObjectives = spread(objectiveRows, getObjectiveCount).map((o) => o.id);

    const counts = Object.fromEntries(Object.entries(outcome.counts).map(([k, v]) => [k, v ?? 0]));
    return {
      orgId: outcome.orgId,
      cycleId: cycle.id,
      activeObjectives,
      checkInKrs,
      owners: owners.length,
      getObjectives,
      readerToken,
      generateMs,
      counts,
    };
  } finally {
    await connection.close();
  }
}

// ---- the servers ---------------------------------------------------------------------------

interface Server {
  mode: ServerMode;
  url: string;
  child: ChildProcess;
  request(message: ToServer): void;
  stats(): Promise<Extract<FromServer, { type: 'stats' }>>;
  stop(): Promise<void>;
}

async function startServer(mode: ServerMode, file: string): Promise<Server> {
  const execArgv = [...process.execArgv];
  // One folder per server: the loader's worker thread writes a profile of its own.
  if (args.profile) execArgv.push('--cpu-prof', '--cpu-prof-dir', path.join(profileDir, mode));
  const child = fork(path.join(here, 'api-server.ts'), [mode, file], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the ${mode} server exited with ${code} before it was ready`)),
    );
    child.on('message', (message: FromServer) => {
      if (message.type === 'ready') resolve(message.port);
    });
  });
  child.removeAllListeners('exit');
  return {
    mode,
    url: `http://127.0.0.1:${port}`,
    child,
    request: (message) => child.send(message),
    stats: () =>
      new Promise((resolve) => {
        const listener = (message: FromServer) => {
          if (message.type !== 'stats') return;
          child.off('message', listener);
          resolve(message);
        };
        child.on('message', listener);
        child.send({ type: 'stats' } satisfies ToServer);
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies ToServer);
      }),
  };
}

// ---- load ----------------------------------------------------------------------------------

interface LoadRun {
  label: string;
  seconds: number;
  connections: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  rate: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Server CPU time per 2xx response, microseconds (user + system, and system alone). */
  serverCpuMicrosPerRequest: number;
  serverSystemMicrosPerRequest: number;
  loadavg: number[];
}

const problems: string[] = [];

async function load(
  label: string,
  server: Server,
  seconds: number,
  conns: number,
  setup: (request: RequestData) => RequestData,
  method: string,
  record = true,
): Promise<LoadRun> {
  const before = await server.stats();
  const result: Result = await autocannon({
    url: server.url,
    connections: conns,
    duration: seconds,
    requests: [{ method, setupRequest: setup }],
  });
  const after = await server.stats();
  const cpu =
    after.cpuMicros.user + after.cpuMicros.system - before.cpuMicros.user - before.cpuMicros.system;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
  );
  const run: LoadRun = {
    label,
    seconds: result.duration,
    connections: conns,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    rate: result['2xx'] / result.duration,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    serverCpuMicrosPerRequest: result['2xx'] ? cpu / result['2xx'] : Number.NaN,
    serverSystemMicrosPerRequest: result['2xx']
      ? (after.cpuMicros.system - before.cpuMicros.system) / result['2xx']
      : Number.NaN,
    loadavg: os.loadavg(),
  };
  log(
    `${record ? '' : '(warm-up) '}${label}: ${fmtN(run.rate)} req/s, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, ` +
      `${fmtN(run.ok)} ok, server CPU ${fmtN(run.serverCpuMicrosPerRequest)} µs/req (system ${fmtN(run.serverSystemMicrosPerRequest)}), load ${loadavg()}`,
  );
  if (run.non2xx || run.errors || run.timeouts) {
    const message = `${label}: ${run.non2xx} non-2xx (status codes ${JSON.stringify(statusCodes)}), ${run.errors} errors, ${run.timeouts} timeouts`;
    log(`  !! ${message}`);
    problems.push(message);
  }
  return run;
}

function checkInRequests(
  krs: CheckInTarget[],
  pathOf: (kr: CheckInTarget) => string,
): (r: RequestData) => RequestData {
  let i = 0;
  return (request) => {
    const n = i++;
    const kr = krs[n % krs.length] as CheckInTarget;
    // A value between start and target (finite), a confidence, sometimes a note.
    const fraction = (n * 0.6180339887) % 1;
    const value = Math.round((kr.start + (kr.target - kr.start) * fraction) * 100) / 100;
    const body: { value: number; confidence: number; note?: string } = {
      value,
      confidence: Math.round((0.3 + 0.6 * fraction) * 10) / 10,
    };
    if (n % 8 === 0) body.note = 'On track; the pilot went well.';
    return {
      ...request,
      path: pathOf(kr),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${kr.token}` },
      body: JSON.stringify(body),
    };
  };
}

function getRequests(
  ids: string[],
  token: string,
  pathOf: (id: string) => string,
): (r: RequestData) => RequestData {
  let i = 0;
  const headers = { authorization: `Bearer ${token}` };
  return (request) => ({ ...request, path: pathOf(ids[i++ % ids.length] as string), headers });
}

async function treeRun(
  url: string,
  token: string,
): Promise<{ ms: number; status: number; bytes: number; body: ArrayBuffer }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, bytes: body.byteLength, body };
}

/**
 * SQL statements our server runs for `count` sequential requests, with the time spent preparing
 * them (on a miss of the server's statement cache) and running them, and the wall time of the requests.
 */
async function statementsPerRequest(
  server: Server,
  count: number,
  send: (i: number) => Promise<number>,
): Promise<StatementProfile> {
  server.request({ type: 'count', on: true });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const status = await send(i);
    if (status < 200 || status > 299) problems.push(`statement count request answered ${status}`);
  }
  const wallMs = (performance.now() - started) / count;
  const stats = await server.stats();
  server.request({ type: 'count', on: false });
  const entries = Object.entries(stats.statements).sort(
    (a, b) => b[1].prepareMs + b[1].runMs - a[1].prepareMs - a[1].runMs,
  );
  const total = (f: (s: StatementStats) => number) =>
    entries.reduce((sum, [, s]) => sum + f(s), 0) / count;
  return {
    perRequest: total((s) => s.count),
    distinct: entries.length,
    prepareMs: total((s) => s.prepareMs),
    runMs: total((s) => s.runMs),
    wallMs,
    top: entries.slice(0, 25).map(([sqlText, s]) => ({
      sql: sqlText.replace(/\s+/g, ' '),
      perRequest: s.count / count,
      prepareMs: s.prepareMs / count,
      runMs: s.runMs / count,
    })),
  };
}

interface StatementProfile {
  perRequest: number;
  distinct: number;
  /** Per request, milliseconds. */
  prepareMs: number;
  runMs: number;
  wallMs: number;
  top: { sql: string; perRequest: number; prepareMs: number; runMs: number }[];
}

// ---- main ----------------------------------------------------------------------------------

interface Row {
  measurement: string;
  value: string;
  target: string;
  verdict: string;
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  log(`bench:api — ${fmtN(people)} people, ${duration} s per run, load average ${loadavg()}`);
  const orgFile = path.join(tmp, 'org.db');
  const bareFile = path.join(tmp, 'bare.db');

  const fixture = await prepareData(orgFile);
  log(
    `generated ${fmtN(fixture.counts.objectives ?? 0)} objectives (${fmtN(fixture.activeObjectives)} in the active cycle), ` +
      `${fmtN(fixture.counts.key_results ?? 0)} key results, ${fmtN(fixture.counts.check_ins ?? 0)} check-ins in ${(fixture.generateMs / 1000).toFixed(1)} s; ` +
      `check-ins rotate over ${fixture.checkInKrs.length} key results (${new Set(fixture.checkInKrs.map((k) => k.token)).size} owners with tokens)`,
  );

  const probe = await openDatabase({ dialect: 'sqlite', file: path.join(tmp, 'probe.db') });
  const sqliteVersion = (
    probe.sqlite?.prepare('SELECT sqlite_version() AS v').get() as { v: string }
  ).v;
  await probe.close();

  const app = await startServer('app', orgFile);
  const bare = phases.has('bare') ? await startServer('bare', bareFile) : null;
  const api = `/api/v1/orgs/${SLUG}`;
  const ourPost = checkInRequests(
    fixture.checkInKrs,
    (kr) => `${api}/key-results/${kr.id}/check-ins`,
  );
  const barePost = checkInRequests(fixture.checkInKrs, (kr) => `/krs/${kr.id}/check-ins`);

  const runs: LoadRun[] = [];
  const bareRuns: LoadRun[] = [];
  const postRuns: LoadRun[] = [];
  let getRun: LoadRun | null = null;
  let bareGetRun: LoadRun | null = null;
  const tree: { runs: number[]; coldRuns: number[]; firstMs: number | null; bytes: number; nodes: number } = { runs: [], coldRuns: [], firstMs: null, bytes: 0, nodes: 0 };
  let coldTreeCheckIns = 0;
  /** Time travel: the company page as of a past day, each run right after a check-in. */
  const past: {
    day: string;
    firstMs: number | null;
    runs: number[];
    warmMs: number | null;
    items: number;
    checkIns: number;
  } = {
    day: new Date(startedAt.getTime() - pastDays * 86_400_000).toISOString().slice(0, 10),
    firstMs: null,
    runs: [],
    warmMs: null,
    items: 0,
    checkIns: 0,
  };
  let pastStatements: StatementProfile | null = null;
  let checkInStatements: StatementProfile | null = null;
  let getStatements: StatementProfile | null = null;
  let treeStatements: StatementProfile | null = null;
  let storedCheckIns = { expected: 0, inFlight: 0, found: 0 };
  /** Every check-in run, warm-ups included, to compare the 201s with the rows stored. */
  const postAnswered: LoadRun[] = [];

  try {
    // (1) + (2): bare and ours alternate, after a warm-up of each.
    if (warmup > 0) {
      if (bare) await load('bare insert POST', bare, warmup, connections, barePost, 'POST', false);
      if (phases.has('post'))
        postAnswered.push(
          await load('check-in POST', app, warmup, connections, ourPost, 'POST', false),
        );
    }
    for (let round = 1; round <= rounds; round++) {
      if (bare)
        bareRuns.push(
          await load(
            `bare insert POST (round ${round})`,
            bare,
            duration,
            connections,
            barePost,
            'POST',
          ),
        );
      if (phases.has('post'))
        postRuns.push(
          await load(`check-in POST (round ${round})`, app, duration, connections, ourPost, 'POST'),
        );
    }
    runs.push(...bareRuns, ...postRuns);
    postAnswered.push(...postRuns);

    // (3) one objective with its key results and progress, 32 connections; for context, the
    // bare server's one-SELECT GET at the same concurrency (what the machine allows).
    if (bare && phases.has('get')) {
      const setup = getRequests(
        fixture.checkInKrs.map((k) => k.id),
        fixture.readerToken,
        (id) => `/krs/${id}/latest`,
      );
      if (warmup > 0) await load('bare GET', bare, warmup, getConnections, setup, 'GET', false);
      bareGetRun = await load(
        'bare GET (one indexed SELECT)',
        bare,
        duration,
        getConnections,
        setup,
        'GET',
      );
      runs.push(bareGetRun);
    }
    if (phases.has('get')) {
      const setup = getRequests(
        fixture.getObjectives,
        fixture.readerToken,
        (id) => `${api}/objectives/${id}`,
      );
      if (warmup > 0) await load('GET objective', app, warmup, getConnections, setup, 'GET', false);
      getRun = await load('GET objective', app, duration, getConnections, setup, 'GET');
      runs.push(getRun);
    }

    // (4) the whole alignment tree of the active cycle, sequential.
    if (phases.has('tree')) {
      const url = `${app.url}${api}/cycles/${fixture.cycleId}/tree`;
      // The first request builds the tree from the database (what any write to what it shows
      // — a title, an alignment — costs again); the second is the first from the read cache.
      tree.firstMs = (await treeRun(url, fixture.readerToken)).ms;
      await treeRun(url, fixture.readerToken);
      for (let i = 0; i < treeRuns; i++) {
        const run = await treeRun(url, fixture.readerToken);
        if (run.status !== 200)
          problems.push(
            `tree answered ${run.status}: ${Buffer.from(run.body).toString('utf8').slice(0, 300)}`,
          );
        tree.runs.push(run.ms);
        tree.bytes = run.bytes;
        if (i === treeRuns - 1 && run.status === 200) {
          tree.nodes = (
            JSON.parse(Buffer.from(run.body).toString('utf8')) as { nodes: unknown[] }
          ).nodes.length;
        }
      }
      log(
        `tree: median ${fmtMs(median(tree.runs))}, max ${fmtMs(Math.max(...tree.runs))}, ${fmtN(tree.nodes)} nodes, ${fmtN(tree.bytes / 1024)} KiB`,
      );
      // The same right after a check-in: the cached tree is brought up to date (progress only).
      for (let i = 0; i < COLD_TREE_RUNS; i++) {
        const kr = fixture.checkInKrs[i % fixture.checkInKrs.length] as CheckInTarget;
        const write = await fetch(`${app.url}${api}/key-results/${kr.id}/check-ins`, {
          method: 'POST',
          headers: { authorization: `Bearer ${kr.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ value: kr.start + ((kr.target - kr.start) * (i + 1)) / (COLD_TREE_RUNS + 1) }),
        });
        if (write.status === 201) coldTreeCheckIns += 1;
        else problems.push(`check-in before a cold tree answered ${write.status}`);
        await write.arrayBuffer();
        const run = await treeRun(url, fixture.readerToken);
        if (run.status !== 200) problems.push(`cold tree answered ${run.status}`);
        tree.coldRuns.push(run.ms);
      }
      log(`tree after a write: median ${fmtMs(median(tree.coldRuns))}, max ${fmtMs(Math.max(...tree.coldRuns))}`);
      if (tree.nodes !== fixture.activeObjectives)
        problems.push(
          `tree has ${tree.nodes} nodes; the active cycle has ${fixture.activeObjectives} objectives`,
        );
    }

    // (5) time travel: the company page as of a past day. Each request follows a check-in, so
    // the cycle is rebuilt (present rows rewound by the changes since) every time.
    if (phases.has('past')) {
      const url = `${app.url}${api}/objectives?cycle=${fixture.cycleId}&level=company&asOf=${past.day}`;
      // The first look at that day rebuilds the cycle from the database.
      const first = await treeRun(url, fixture.readerToken);
      if (first.status === 200) past.firstMs = first.ms;
      else problems.push(`past company page answered ${first.status}`);
      for (let i = 0; i < pastRuns; i++) {
        const kr = fixture.checkInKrs[(i + 7) % fixture.checkInKrs.length] as CheckInTarget;
        const write = await fetch(`${app.url}${api}/key-results/${kr.id}/check-ins`, {
          method: 'POST',
          headers: { authorization: `Bearer ${kr.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ value: kr.start + ((kr.target - kr.start) * (i + 1)) / (pastRuns + 1) }),
        });
        if (write.status === 201) past.checkIns += 1;
        else problems.push(`check-in before a past company page answered ${write.status}`);
        await write.arrayBuffer();
        const run = await treeRun(url, fixture.readerToken);
        if (run.status !== 200) {
          problems.push(`past company page answered ${run.status}: ${Buffer.from(run.body).toString('utf8').slice(0, 300)}`);
          continue;
        }
        past.runs.push(run.ms);
        past.items = (JSON.parse(Buffer.from(run.body).toString('utf8')) as { items: unknown[] }).items.length;
      }
      const warm = await treeRun(url, fixture.readerToken);
      past.warmMs = warm.status === 200 ? warm.ms : null;
      if (past.items === 0) problems.push(`the company page as of ${past.day} showed no objective`);
      log(
        `company page as of ${past.day}: first ${past.firstMs === null ? '-' : fmtMs(past.firstMs)}; after a check-in median ${fmtMs(median(past.runs))}, max ${fmtMs(Math.max(...past.runs))}, ${past.items} objectives; from the read cache ${past.warmMs === null ? '-' : fmtMs(past.warmMs)}`,
      );
    }

    // Diagnostics (not timed): SQL statements per request.
    const headers = { authorization: `Bearer ${fixture.readerToken}` };
    if (phases.has('post')) {
      const requests = Array.from({ length: DIAGNOSTIC_REQUESTS }, () =>
        ourPost({ method: 'POST' }),
      );
      checkInStatements = await statementsPerRequest(app, requests.length, async (i) => {
        const r = requests[i] as RequestData;
        const response = await fetch(`${app.url}${r.path}`, {
          method: 'POST',
          headers: r.headers,
          body: r.body as string,
        });
        await response.arrayBuffer();
        return response.status;
      });
    }
    if (phases.has('get')) {
      getStatements = await statementsPerRequest(app, DIAGNOSTIC_REQUESTS, async (i) => {
        const id = fixture.getObjectives[i % fixture.getObjectives.length] as string;
        const response = await fetch(`${app.url}${api}/objectives/${id}`, { headers });
        await response.arrayBuffer();
        return response.status;
      });
    }
    if (phases.has('tree')) {
      treeStatements = await statementsPerRequest(
        app,
        1,
        async () =>
          (await treeRun(`${app.url}${api}/cycles/${fixture.cycleId}/tree`, fixture.readerToken))
            .status,
      );
    }
    if (phases.has('past')) {
      const kr = fixture.checkInKrs[0] as CheckInTarget;
      pastStatements = await statementsPerRequest(app, 1, async () => {
        // A check-in first (not counted apart: it is part of the profile), so the page is rebuilt.
        const write = await fetch(`${app.url}${api}/key-results/${kr.id}/check-ins`, {
          method: 'POST',
          headers: { authorization: `Bearer ${kr.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ value: kr.start }),
        });
        await write.arrayBuffer();
        if (write.status === 201) past.checkIns += 1;
        return (
          await treeRun(
            `${app.url}${api}/objectives?cycle=${fixture.cycleId}&level=company&asOf=${past.day}`,
            fixture.readerToken,
          )
        ).status;
      });
    }
  } finally {
    await app.stop();
    await bare?.stop();
  }

  // Every check-in answered 201 must be stored: the table holds the generated rows plus those.
  if (phases.has('post')) {
    const connection = await openDatabase({ dialect: 'sqlite', file: orgFile });
    const total = (
      await connection.db
        .selectFrom('check_ins')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', fixture.orgId)
        .executeTakeFirstOrThrow()
    ).n;
    await connection.close();
    const answered =
      postAnswered.reduce((s, r) => s + r.ok, 0) +
      (checkInStatements ? DIAGNOSTIC_REQUESTS : 0) +
      coldTreeCheckIns +
      past.checkIns;
    // autocannon stops each run with up to one request per connection in flight; the server
    // still commits those, so up to that many more rows than 201s are expected.
    const inFlight = postAnswered.reduce((s, r) => s + r.connections, 0);
    storedCheckIns = {
      expected: answered,
      inFlight,
      found: total - (fixture.counts.check_ins ?? 0),
    };
    log(
      `check-ins answered 201: ${fmtN(answered)} (+ up to ${inFlight} cut off at the end of runs); new rows stored: ${fmtN(storedCheckIns.found)}`,
    );
    if (storedCheckIns.found < answered || storedCheckIns.found > answered + inFlight)
      problems.push(
        `${answered} check-ins answered 201 (+ up to ${inFlight} in flight) but ${storedCheckIns.found} were stored`,
      );
  }

  // ---- results ----
  const sum = (rs: LoadRun[], f: (r: LoadRun) => number) => rs.reduce((s, r) => s + f(r), 0);
  const rateOf = (rs: LoadRun[]) =>
    rs.length ? sum(rs, (r) => r.ok) / sum(rs, (r) => r.seconds) : Number.NaN;
  const bareRate = rateOf(bareRuns);
  const ourRate = rateOf(postRuns);
  const ratio = ourRate / bareRate;
  const treeMedian = tree.runs.length ? median(tree.runs) : Number.NaN;
  const treeMax = tree.runs.length ? Math.max(...tree.runs) : Number.NaN;
  const cpuPerReq = (rs: LoadRun[]) =>
    sum(rs, (r) => r.serverCpuMicrosPerRequest * r.ok) / sum(rs, (r) => r.ok);
  const targetsApply = people === 10_000;
  const verdict = (ok: boolean, applies = targetsApply) =>
    applies ? (ok ? 'ok' : 'MISSED') : ok ? '(ok)' : '(missed)';

  const rows: Row[] = [];
  if (bareRuns.length)
    rows.push({
      measurement: `bare Fastify + one better-sqlite3 INSERT per POST, ${connections} connections (the limit)`,
      value: `${fmtN(bareRate)} req/s (p99 ${Math.max(...bareRuns.map((r) => r.latency.p99))} ms; server CPU ${fmtN(cpuPerReq(bareRuns))} µs/req)`,
      target: '',
      verdict: '',
    });
  if (postRuns.length)
    rows.push({
      measurement: `check-in POST, ${connections} connections, ${fixture.checkInKrs.length} key results of ${fixture.owners} owners, bearer tokens`,
      value: `${fmtN(ourRate)} req/s (p99 ${Math.max(...postRuns.map((r) => r.latency.p99))} ms; server CPU ${fmtN(cpuPerReq(postRuns))} µs/req)`,
      target: '',
      verdict: '',
    });
  if (bareRuns.length && postRuns.length)
    rows.push({
      measurement: 'check-in POST rate / bare insert rate',
      value: ratio.toFixed(2),
      target: '>= 0.50',
      verdict: verdict(ratio >= 0.5),
    });
  if (bareGetRun)
    rows.push({
      measurement: `bare Fastify GET doing one indexed better-sqlite3 SELECT, ${getConnections} connections (context)`,
      value: `p99 ${bareGetRun.latency.p99} ms (p50 ${bareGetRun.latency.p50} ms, ${fmtN(bareGetRun.rate)} req/s; server CPU ${fmtN(bareGetRun.serverCpuMicrosPerRequest)} µs/req)`,
      target: '',
      verdict: '',
    });
  if (getRun)
    rows.push({
      measurement: `GET one objective with its key results, ${getConnections} connections: p99`,
      value: `${getRun.latency.p99} ms (p50 ${getRun.latency.p50} ms, ${fmtN(getRun.rate)} req/s; server CPU ${fmtN(getRun.serverCpuMicrosPerRequest)} µs/req)`,
      target: '<= 20 ms',
      verdict: verdict(getRun.latency.p99 <= 20),
    });
  if (tree.runs.length)
    rows.push({
      measurement: `alignment tree of the active cycle (${fmtN(tree.nodes)} objectives, ${fmtN(tree.bytes / 1024)} KiB), ${treeRuns} sequential requests`,
      value: `median ${fmtMs(treeMedian)}, max ${fmtMs(treeMax)}`,
      target: '<= 300 ms',
      verdict: verdict(treeMedian <= 300),
    });
  if (tree.coldRuns.length) {
    const coldMedian = median(tree.coldRuns);
    rows.push({
      measurement: `the same tree right after a check-in (the cached tree's progress brought up to date), ${COLD_TREE_RUNS} runs`,
      value: `median ${fmtMs(coldMedian)}, max ${fmtMs(Math.max(...tree.coldRuns))}`,
      target: '<= 300 ms',
      verdict: verdict(coldMedian <= 300),
    });
  }
  if (past.firstMs !== null)
    rows.push({
      measurement: `time travel: the company page as of ${pastDays} days ago (${past.items} company objectives), first look at that day (the active cycle rewound from the database)`,
      value: fmtMs(past.firstMs),
      target: '<= 500 ms',
      verdict: verdict(past.firstMs <= 500),
    });
  if (past.runs.length) {
    const pastMedian = median(past.runs);
    rows.push({
      measurement: `the same page again, each of ${past.runs.length} requests right after a check-in (a settled past survives ordinary writes in the read cache)`,
      value: `median ${fmtMs(pastMedian)}, max ${fmtMs(Math.max(...past.runs))}${past.warmMs === null ? '' : `; with no write between ${fmtMs(past.warmMs)}`}`,
      target: '<= 500 ms',
      verdict: verdict(pastMedian <= 500),
    });
  }
  if (tree.firstMs !== null)
    rows.push({
      measurement: 'the same tree built from the database (first request after start; again after an edit of what it shows)',
      value: fmtMs(tree.firstMs),
      target: '',
      verdict: '',
    });

  const loadAtEnd = os.loadavg();
  console.log('');
  console.log('| measurement | result | target | |');
  console.log('|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.measurement} | ${r.value} | ${r.target} | ${r.verdict} |`);
  if (!targetsApply)
    console.log(`\n(targets are for --people 10000; verdicts in parentheses are indicative only)`);
  const statementLine = (label: string, s: StatementProfile | null) =>
    s
      ? `${label}: ${s.perRequest.toFixed(1)} SQL statements per request (${s.distinct} distinct); ` +
        `preparing them ${fmtMs(s.prepareMs)}, running them ${fmtMs(s.runMs)}, of ${fmtMs(s.wallMs)} per request (sequential, one connection)`
      : null;
  const statementLines = [
    statementLine('check-in POST', checkInStatements),
    statementLine('GET objective', getStatements),
    statementLine('tree', treeStatements),
    statementLine('check-in + company page as of a past day', pastStatements),
  ].filter((l): l is string => l !== null);
  console.log('');
  for (const l of statementLines) console.log(l);
  for (const [label, s] of [
    ['one check-in', checkInStatements],
    ['one GET objective', getStatements],
    ['one tree', treeStatements],
    ['one check-in + company page as of a past day', pastStatements],
  ] as const) {
    if (!s) continue;
    console.log(
      `\nmost expensive statements of ${label} (per request: count, prepare ms, run ms):`,
    );
    for (const t of s.top.slice(0, 12))
      console.log(
        `  ${t.perRequest.toFixed(2).padStart(5)}× ${t.prepareMs.toFixed(3)} ${t.runMs.toFixed(3)}  ${t.sql.slice(0, 150)}`,
      );
  }

  let profile: ProfileSummary | null = null;
  // The main thread's profile is the largest of the server's.
  const appProfiles =
    args.profile && fs.existsSync(path.join(profileDir, 'app'))
      ? fs.readdirSync(path.join(profileDir, 'app'))
      : [];
  const profileFile = appProfiles
    .map((f) => path.join(profileDir, 'app', f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (profileFile) {
    profile = summariseProfile(profileFile, 25);
    console.log(
      `\nour server's CPU profile (${profileFile}), ${fmtN(profile.totalMs)} ms of samples, by area:`,
    );
    for (const a of profile.areas)
      console.log(`  ${(a.share * 100).toFixed(1).padStart(5)}%  ${a.name}`);
    console.log('top functions by self time:');
    for (const f of profile.functions)
      console.log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
  }

  if (problems.length) {
    console.log('\nPROBLEMS:');
    for (const p of problems) console.log(`  - ${p}`);
  }

  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    sqlite: sqliteVersion,
    fastify: fastifyVersion,
    platform: `${os.type()} ${os.release()}`,
  };
  const results = {
    at: startedAt.toISOString(),
    machine,
    loadavg: { start: loadAtStart, end: loadAtEnd },
    options: {
      people,
      duration,
      connections,
      getConnections,
      rounds,
      warmup,
      treeRuns,
      pastRuns,
      pastDays,
      phases: [...phases],
    },
    data: {
      counts: fixture.counts,
      activeObjectives: fixture.activeObjectives,
      checkInKeyResults: fixture.checkInKrs.length,
      tokens: new Set(fixture.checkInKrs.map((k) => k.token)).size,
      getObjectives: fixture.getObjectives.length,
      generateMs: fixture.generateMs,
    },
    summary: {
      bareRate,
      ourRate,
      ratio,
      getP99: getRun?.latency.p99 ?? null,
      treeMedian,
      treeMax,
      treeNodes: tree.nodes,
      treeBytes: tree.bytes,
      pastMedian: past.runs.length ? median(past.runs) : null,
    },
    runs,
    tree,
    past,
    storedCheckIns,
    statements: { checkIn: checkInStatements, get: getStatements, tree: treeStatements, past: pastStatements },
    profile,
    problems,
    table: rows,
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `api-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nSaved ${path.relative(process.cwd(), file)}`);

  if (args['write-docs']) {
    const docFile = path.join(here, '..', 'docs', 'benchmarks.md');
    const table = rows
      .map(
        (r) =>
          `| ${r.measurement} | ${r.value} | ${r.target} ${r.verdict === 'ok' ? '✅' : r.verdict === 'MISSED' ? '❌' : r.verdict} |`,
      )
      .join('\n');
    const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
    const section = `${API_SECTION_HEADING}

Measured by \`npm run bench:api\` (\`bench/api.ts\`); rerun it with \`-- --write-docs\` to refresh
this section. autocannon on loopback; each server in its own process; the limit is measured in
the same run.

- Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform};
  Node.js ${machine.node}, Fastify ${machine.fastify}, SQLite ${machine.sqlite} (better-sqlite3), WAL with \`synchronous=FULL\`
- Run at ${results.at}; load average (1 / 5 / 15 min) ${fmtLoad(loadAtStart)} at the start and
  ${fmtLoad(loadAtEnd)} at the end — the machine is shared, so absolute figures vary; the ratio
  is the stable figure
- Data: \`generateOrganisation\` with ${fmtN(people)} people: ${fmtN(fixture.counts.objectives ?? 0)} objectives
  (${fmtN(fixture.activeObjectives)} in the active cycle), ${fmtN(fixture.counts.key_results ?? 0)} key results,
  ${fmtN(fixture.counts.check_ins ?? 0)} check-ins
- ${duration} s per measured run after a ${warmup} s warm-up; the POST runs alternate bare and ours
  for ${rounds} rounds (rates are totals over the rounds)

| measurement | result | target |
|---|---|---|
${table}

${statementLines.map((l) => `- ${l}`).join('\n')}${problems.length ? `\n\n**Problems in this run:** ${problems.join('; ')}` : ''}

**Limit** — a bare Fastify ${fastifyVersion} route (the app's Fastify; logger off) that parses the same JSON body and does one
prepared better-sqlite3 \`INSERT\` into a table shaped like \`check_ins\` (same columns, primary
key and index) in its own SQLite file with the product's pragmas, answering 201 with a small
JSON object. **Check-in** — \`POST /api/v1/orgs/:org/key-results/:id/check-ins\` with
\`Authorization: Bearer\`: ${fmtN(fixture.owners)} people spread over the organisation, each with an API token, check in
in turn on the ${fmtN(fixture.checkInKrs.length)} key results they own on public objectives of the active cycle (the
policy lets the owner check in; milestones left out); values between start and target. Each check-in is one transaction: it claims the key result, checks the policy,
inserts the check-in, updates the key result, refreshes progress up the alignment, writes the
audit row and answers with the new progress. **GET objective** — rotating over
${fmtN(fixture.getObjectives.length)} public objectives of the active cycle that have key results, read by a plain member.
**Tree** — \`GET /api/v1/orgs/:org/cycles/:id/tree\` for the active cycle as a plain member
(private objectives become stubs), time to the last byte, after two warm-up requests; then
${COLD_TREE_RUNS} more, each right after a check-in. The objective view and the tree are served from the read cache
(docs/ARCHITECTURE.md) while nothing is written — as in the GET runs. After a check-in the cached tree is
brought up to date from one read of the cycle's progress (the second tree row); after an edit of what it
shows it is built afresh, as on the first request after a start (the third). **Time travel** —
the company page as of ${pastDays} days before the run (\`GET /api/v1/orgs/:org/objectives?cycle=&level=company&asOf=\`),
as a plain member: the first look at that day reads the whole active cycle as it is now and rewinds it by the
changes and check-ins since that day (docs/features/time-travel.md); then requests each right after a check-in,
which a settled past survives in the read cache.
Every response of every run must be 2xx; autocannon's errors and timeouts are listed as problems.

Reading the figures: autocannon keeps every connection busy (a closed loop), so at
${getConnections} connections a p99 of 20 ms needs the server to answer about
${fmtN((getConnections * 1000) / 20)} requests per second, i.e. well under 1 ms of server time per request; the
bare one-SELECT GET shows what the machine allows. The statement counts come from
${DIAGNOSTIC_REQUESTS} sequential requests after the timed runs (statements are prepared once and cached, so preparing costs
only on a cache miss; a
check-in whose token was not used in the last minute also writes the token's \`last_used_at\`).
`;
    writeApiSection(docFile, section);
    console.log(`Updated the API section of ${path.relative(process.cwd(), docFile)}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (problems.length) process.exitCode = 1;
}

await main();
