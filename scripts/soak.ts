/**
 * `npm run soak -- [--minutes 10] [--rate 200] [--people 2000] [--warmup 1] [--report 30]`:
 * a fixed-rate mixed load on our real server over loopback, for a long time.
 *
 * 1. Generates an organisation of --people people in a SQLite file in a temporary folder (as
 *    bench/api.ts does) and makes API tokens for the people who act in the load: key result
 *    owners (members), team leads, and executives or champions.
 * 2. Starts our server in its own process (scripts/soak-server.ts: `buildApp` with the logger
 *    off, run with --expose-gc), so that the load generator does not share its event loop.
 * 3. Sends --rate requests a second, open loop: each request leaves at its scheduled moment
 *    whether or not the earlier ones have been answered, and its latency is counted from that
 *    moment (a stalled server shows as latency, not as a lower rate). 80% reads, 20% writes:
 *    members check in on their key results, comment, and read Home (`me/okrs`), `me`, their
 *    objectives and check-in lists; leads edit their team objectives and key results (If-Match
 *    with the version they last saw, one edit in flight per object, so no edit is stale) and read
 *    their team's objectives; executives and champions read the cycle tree and the company
 *    objectives.
 * 4. Every --report seconds and at the end prints requests, p50/p99 latency, errors (non-2xx and
 *    network errors) and the server's resident memory (/proc/<pid>/status: VmRSS, and RssAnon,
 *    the heap, apart from RssFile, the SQLite file mapped with mmap_size).
 *
 * Exits non-zero on any error, or when the server's RSS at the end is more than 10% above its RSS
 * at the end of the warm-up (--warmup minutes). docs/reliability.md ("Soak") has the last run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { summariseProfile } from '../bench/api-profile.ts';
import type { FromSoakServer as FromServer, ToSoakServer as ToServer } from './soak-server.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateOrganisation } from '../src/services/generate-organisation.ts';
import { hashSecret, newSecret } from '../src/services/secrets.ts';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '200' },
    people: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '1' },
    report: { type: 'string', default: '30' },
    /** Requests not answered after this many seconds count as errors. */
    timeout: { type: 'string', default: '30' },
    /** Run the server with --cpu-prof and print where its CPU time went. */
    profile: { type: 'boolean', default: false },
  },
});

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${name} must be a number > 0; got ${value}`);
  return n;
}

const minutes = positive('minutes', args.minutes);
const rate = positive('rate', args.rate);
const people = Math.round(positive('people', args.people));
const warmupMinutes = Math.min(positive('warmup', args.warmup), minutes / 2);
const reportSeconds = positive('report', args.report);
const timeoutMs = positive('timeout', args.timeout) * 1000;
/** The allowed growth of the server's RSS from the end of the warm-up to the end. */
const RSS_GROWTH_LIMIT = 0.1;
const SLUG = 'soak';
const API = `/api/v1/orgs/${SLUG}`;
/** How many people of each kind act in the load (each with an API token). */
const MEMBERS = 200;
const LEADS = 50;
const EXECUTIVES = 10;

const here = import.meta.dirname;
const startedAt = new Date();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-soak-'));
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const loadavg = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

/** Every k-th of `rows`, so that the picks spread over the whole organisation. */
function spread<T>(rows: T[], n: number): T[] {
  if (rows.length <= n) return rows;
  const step = rows.length / n;
  return Array.from({ length: n }, (_, i) => rows[Math.floor(i * step)] as T);
}

// ---- the organisation and the people who act -------------------------------------------------

interface Versioned {
  id: string;
  version: number;
  token: string;
  /** An edit of it is in flight: the next edit waits, so its If-Match is never stale. */
  busy: boolean;
}

interface Member {
  token: string;
  /** Key results they own (numeric, with a target) and the objectives they are in. */
  keyResults: { id: string; objectiveId: string; start: number; target: number }[];
}

interface Fixture {
  cycleId: string;
  members: Member[];
  leads: { token: string; teamId: string; objectiveIds: string[] }[];
  executives: string[];
  companyObjectives: string[];
  objectiveEdits: Versioned[];
  keyResultEdits: Versioned[];
  counts: Record<string, number>;
}

async function prepareData(file: string): Promise<Fixture> {
  const connection = await openDatabase({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(connection.db);
    const outcome = await generateOrganisation(connection, {
      people,
      seed: 1,
      slug: SLUG,
      now: startedAt,
    });
    const orgId = outcome.orgId;
    const db = connection.db;
    const cycle = await db
      .selectFrom('cycles')
      .select('id')
      .where('org_id', '=', orgId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();

    const tokens = new Map<string, string>();
    const tokenOf = (userId: string): string => {
      let token = tokens.get(userId);
      if (!token) {
        token = `okr_${newSecret(24)}`;
        tokens.set(userId, token);
      }
      return token;
    };

    // Members: owners of numeric key results on public objectives of the active cycle.
    const krRows = await db
      .selectFrom('key_results as k')
      .innerJoin('objectives as o', 'o.id', 'k.objective_id')
      .select(['k.id', 'k.objective_id', 'k.owner_id', 'k.start_value', 'k.target_value'])
      .where('o.cycle_id', '=', cycle.id)
      .where('o.visibility', '=', 'public')
      .where('k.kind', '!=', 'milestone')
      .where('k.owner_id', 'is not', null)
      .where('k.target_value', 'is not', null)
      .orderBy('k.id')
      .execute();
    const byOwner = new Map<string, typeof krRows>();
    for (const kr of krRows) {
      const owner = kr.owner_id as string;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), kr]);
    }
    const memberIds = spread([...byOwner.keys()].sort(), MEMBERS);
    const members: Member[] = memberIds.map((userId) => ({
      token: tokenOf(userId),
      keyResults: (byOwner.get(userId) ?? []).map((kr) => ({
        id: kr.id,
        objectiveId: kr.objective_id,
        start: kr.start_value,
        target: kr.target_value as number,
      })),
    }));
    const checkedIn = new Set(members.flatMap((m) => m.keyResults.map((kr) => kr.id)));

    // Leads: team leads with public team objectives in the active cycle.
    const teamObjectives = await db
      .selectFrom('objectives as o')
      .innerJoin('team_members as tm', (join) =>
        join.onRef('tm.team_id', '=', 'o.team_id').on('tm.is_lead', '=', 1),
      )
      .select(['o.id', 'o.version', 'o.team_id', 'tm.user_id'])
      .where('o.cycle_id', '=', cycle.id)
      .where('o.level', '=', 'team')
      .where('o.visibility', '=', 'public')
      .orderBy('o.id')
      .execute();
    const byLead = new Map<string, typeof teamObjectives>();
    for (const o of teamObjectives) byLead.set(o.user_id, [...(byLead.get(o.user_id) ?? []), o]);
    const leadIds = spread([...byLead.keys()].sort(), LEADS);
    const leads = leadIds.map((userId) => {
      const objectives = byLead.get(userId) ?? [];
      return {
        token: tokenOf(userId),
        teamId: objectives[0]?.team_id as string,
        objectiveIds: objectives.map((o) => o.id),
      };
    });
    // Each objective (and key result) is edited by one lead only, so versions are known here.
    const objectiveEdits: Versioned[] = [];
    const editor = new Map<string, string>();
    for (const userId of leadIds)
      for (const o of byLead.get(userId) ?? []) {
        if (editor.has(o.id)) continue;
        editor.set(o.id, userId);
        objectiveEdits.push({ id: o.id, version: o.version, token: tokenOf(userId), busy: false });
      }
    const editableKrs =
      editor.size === 0
        ? []
        : await db
            .selectFrom('key_results')
            .select(['id', 'objective_id', 'version'])
            .where('objective_id', 'in', [...editor.keys()])
            .orderBy('id')
            .execute();
    // Key results members check in on are left out: a check-in bumps the key result's version.
    const keyResultEdits: Versioned[] = editableKrs
      .filter((kr) => !checkedIn.has(kr.id))
      .map((kr) => ({
        id: kr.id,
        version: kr.version,
        token: tokenOf(editor.get(kr.objective_id) as string),
        busy: false,
      }));

    // Executives and champions.
    const roleRows = await db
      .selectFrom('member_roles')
      .select('user_id')
      .where('org_id', '=', orgId)
      .where('role', 'in', ['executive', 'champion'])
      .orderBy('user_id')
      .execute();
    const executiveIds = spread(
      [...new Set(roleRows.map((r) => r.user_id))].filter((id) => !tokens.has(id)),
      EXECUTIVES,
    );
    const executives = executiveIds.map(tokenOf);
    const companyObjectives = (
      await db
        .selectFrom('objectives')
        .select('id')
        .where('cycle_id', '=', cycle.id)
        .where('level', '=', 'company')
        .where('visibility', '=', 'public')
        .orderBy('id')
        .execute()
    ).map((o) => o.id);

    if (members.length === 0 || leads.length === 0 || executives.length === 0)
      throw new Error(
        `The organisation lacks people to act: ${members.length} members, ${leads.length} leads, ${executives.length} executives or champions`,
      );

    // One API token each, stored the way the server stores them (sha256 of the secret).
    const at = startedAt.toISOString();
    await db.transaction().execute(async (trx) => {
      for (const [userId, token] of tokens)
        await trx
          .insertInto('api_tokens')
          .values({
            id: uuidv7(),
            token_hash: hashSecret(token),
            user_id: userId,
            name: 'soak',
            prefix: token.slice(0, 8),
            created_at: at,
          })
          .execute();
    });
    const counts = Object.fromEntries(Object.entries(outcome.counts).map(([k, v]) => [k, v ?? 0]));
    return {
      cycleId: cycle.id,
      members,
      leads,
      executives,
      companyObjectives,
      objectiveEdits,
      keyResultEdits,
      counts,
    };
  } finally {
    await connection.close();
  }
}

// ---- the server --------------------------------------------------------------------------------

interface Server {
  port: number;
  child: ChildProcess;
  /** CPU time the server has used, in microseconds (user + system). */
  cpuMicros(): Promise<number>;
  /** With `gc`, after a full garbage collection. */
  stats(gc?: boolean): Promise<Extract<FromServer, { type: 'stats' }>>;
  stop(): Promise<void>;
}

async function startServer(file: string): Promise<Server> {
  const execArgv = [...process.execArgv, '--expose-gc'];
  if (args.profile) execArgv.push('--cpu-prof', '--cpu-prof-dir', path.join(tmp, 'profile'));
  const serverArgs = args.profile ? [file, '--count-sql'] : [file];
  const child = fork(path.join(here, 'soak-server.ts'), serverArgs, {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the server exited with ${code} before it was ready`)),
    );
    child.on('message', (message: FromServer) => {
      if (message.type === 'ready') resolve(message.port);
    });
  });
  child.removeAllListeners('exit');
  const stats = (gc = false): Promise<Extract<FromServer, { type: 'stats' }>> =>
    new Promise((resolve) => {
      const listener = (message: FromServer) => {
        if (message.type !== 'stats') return;
        child.off('message', listener);
        resolve(message);
      };
      child.on('message', listener);
      child.send({ type: 'stats', gc } satisfies ToServer);
    });
  return {
    port,
    child,
    cpuMicros: () => stats().then((s) => s.cpuMicros.user + s.cpuMicros.system),
    stats,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' } satisfies ToServer);
      }),
  };
}

interface Memory {
  rss: number;
  anon: number;
  file: number;
}

/** The server's resident memory, from /proc (kB lines). */
function memoryOf(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  };
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
}

// ---- the load ----------------------------------------------------------------------------------

interface Request {
  kind: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  token: string;
  body?: unknown;
  ifMatch?: number;
  /**
   * Called on every outcome (status 0: no answer) with the version the server now holds: the ETag
   * of a 2xx, or `current.version` of a 412.
   */
  done?: (status: number, version: number | undefined) => void;
}

function pick<T>(rows: readonly T[], n: number): T {
  return rows[n % rows.length] as T;
}

/** The mix: weights out of 100; 20 are writes. */
function makeMix(
  f: Fixture,
): { weight: number; write: boolean; make: (n: number) => Request | undefined }[] {
  const memberKr = (n: number) => {
    const member = pick(f.members, n);
    return { member, kr: pick(member.keyResults, Math.floor(n / f.members.length)) };
  };
  const edit = (rows: Versioned[], n: number): Versioned | undefined => {
    // The next object not being edited, from a rotating start.
    for (let i = 0; i < rows.length; i++) {
      const row = rows[(n + i) % rows.length] as Versioned;
      if (!row.busy) return row;
    }
    return undefined;
  };
  const release =
    (row: Versioned) =>
    (status: number, version: number | undefined): void => {
      // No answer (a timeout): the server may still apply the edit, so its version is unknown
      // and the object stays busy — retired — rather than draw a 412 on every later edit.
      if (status === 0) return;
      row.busy = false;
      if (version !== undefined) row.version = version;
    };
  return [
    // ---- writes: 20 ----
    {
      weight: 12,
      write: true,
      make: (n) => {
        const { member, kr } = memberKr(n);
        const fraction = (n * 0.6180339887) % 1;
        const value = Math.round((kr.start + (kr.target - kr.start) * fraction) * 100) / 100;
        return {
          kind: 'check-in',
          method: 'POST',
          path: `${API}/key-results/${kr.id}/check-ins`,
          token: member.token,
          body: {
            value,
            confidence: Math.round((0.3 + 0.6 * fraction) * 10) / 10,
            ...(n % 8 === 0 ? { note: 'On track; the pilot went well.' } : {}),
          },
        };
      },
    },
    {
      weight: 4,
      write: true,
      make: (n) => {
        const row = edit(f.objectiveEdits, n);
        if (!row) return undefined;
        row.busy = true;
        return {
          kind: 'edit objective',
          method: 'PATCH',
          path: `${API}/objectives/${row.id}`,
          token: row.token,
          body: { rationale: `Reviewed in the weekly team meeting (${n}).` },
          ifMatch: row.version,
          done: release(row),
        };
      },
    },
    {
      weight: 2,
      write: true,
      make: (n) => {
        const row = edit(f.keyResultEdits, n);
        if (!row) return undefined;
        row.busy = true;
        return {
          kind: 'edit key result',
          method: 'PATCH',
          path: `${API}/key-results/${row.id}`,
          token: row.token,
          body: { unit: n % 2 ? 'customers' : 'accounts' },
          ifMatch: row.version,
          done: release(row),
        };
      },
    },
    {
      weight: 2,
      write: true,
      make: (n) => {
        const { member, kr } = memberKr(n);
        return {
          kind: 'comment',
          method: 'POST',
          path: `${API}/objectives/${kr.objectiveId}/comments`,
          token: member.token,
          body: { body: `Checked in; the numbers are in the dashboard (${n}).` },
        };
      },
    },
    // ---- reads: 80 ----
    {
      weight: 20,
      write: false,
      make: (n) => ({
        kind: 'home (me/okrs)',
        method: 'GET',
        path: `${API}/me/okrs`,
        token: pick(f.members, n).token,
      }),
    },
    {
      weight: 8,
      write: false,
      make: (n) => ({
        kind: 'me',
        method: 'GET',
        path: '/api/v1/me',
        token: pick(f.members, n).token,
      }),
    },
    {
      weight: 14,
      write: false,
      make: (n) => {
        const { member, kr } = memberKr(n);
        return {
          kind: 'objective page',
          method: 'GET',
          path: `${API}/objectives/${kr.objectiveId}`,
          token: member.token,
        };
      },
    },
    {
      weight: 8,
      write: false,
      make: (n) => {
        const { member, kr } = memberKr(n);
        return {
          kind: 'check-in list',
          method: 'GET',
          path: `${API}/key-results/${kr.id}/check-ins`,
          token: member.token,
        };
      },
    },
    {
      weight: 5,
      write: false,
      make: (n) => {
        const { member, kr } = memberKr(n);
        return {
          kind: 'comment list',
          method: 'GET',
          path: `${API}/objectives/${kr.objectiveId}/comments`,
          token: member.token,
        };
      },
    },
    {
      weight: 8,
      write: false,
      make: (n) => {
        const lead = pick(f.leads, n);
        return {
          kind: 'team objective page',
          method: 'GET',
          path: `${API}/objectives/${pick(lead.objectiveIds, Math.floor(n / f.leads.length))}`,
          token: lead.token,
        };
      },
    },
    {
      weight: 5,
      write: false,
      make: (n) => {
        const lead = pick(f.leads, n);
        return {
          kind: 'team objectives',
          method: 'GET',
          path: `${API}/objectives?cycle=${f.cycleId}&team=${lead.teamId}`,
          token: lead.token,
        };
      },
    },
    {
      weight: 4,
      write: false,
      make: (n) => ({
        kind: 'cycle tree',
        method: 'GET',
        path: `${API}/cycles/${f.cycleId}/tree`,
        token: pick(f.executives, n),
      }),
    },
    {
      weight: 5,
      write: false,
      make: (n) => ({
        kind: 'company objectives',
        method: 'GET',
        path: `${API}/objectives?cycle=${f.cycleId}&level=company`,
        token: pick(f.executives, n),
      }),
    },
    {
      weight: 3,
      write: false,
      make: (n) =>
        f.companyObjectives.length === 0
          ? undefined
          : {
              kind: 'company objective page',
              method: 'GET',
              path: `${API}/objectives/${pick(f.companyObjectives, n)}`,
              token: pick(f.executives, n),
            },
    },
  ];
}

interface Window {
  sent: number;
  answered: number;
  latencies: number[];
  errors: number;
  writes: number;
}

const newWindow = (): Window => ({ sent: 0, answered: 0, latencies: [], errors: 0, writes: 0 });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

interface Row {
  minute: string;
  sent: number;
  answered: number;
  p50: number;
  p99: number;
  errors: number;
  memory: Memory;
  /** V8 heap in use (garbage not yet collected included). */
  heapUsed: number;
  /** The server's CPU time over the window, as a share of one core. */
  cpu: number;
  load: string;
}

async function main(): Promise<number> {
  const file = path.join(tmp, 'soak.sqlite');
  log(`soak: ${minutes} min at ${rate} requests/s on a generated ${people}-person organisation`);
  log(`machine: ${os.cpus().length} cores, load average ${loadavg()}, Node ${process.version}`);
  const generating = performance.now();
  const fixture = await prepareData(file);
  log(
    `generated in ${((performance.now() - generating) / 1000).toFixed(1)} s: ${fixture.counts.objectives ?? '?'} objectives, ${fixture.counts.key_results ?? '?'} key results; ` +
      `acting: ${fixture.members.length} members, ${fixture.leads.length} leads (${fixture.objectiveEdits.length} objectives, ${fixture.keyResultEdits.length} key results to edit), ${fixture.executives.length} executives/champions`,
  );
  const server = await startServer(file);
  const pid = server.child.pid as number;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const mix = makeMix(fixture);
  const total = mix.reduce((sum, m) => sum + m.weight, 0);
  // A fixed sequence of mix entries, so every 100 requests have exactly the weights (interleaved).
  const schedule: number[] = [];
  for (let slot = 0; slot < total; slot++) {
    let acc = 0;
    const at = ((slot * 37) % total) + 0.5; // 37 is coprime to 100: a spread-out permutation
    const index = mix.findIndex((m) => (acc += m.weight) > at);
    schedule.push(index);
  }

  let window = newWindow();
  const all: number[] = [];
  const totals = { sent: 0, answered: 0, errors: 0, skipped: 0 };
  const errorsByKind = new Map<string, number>();
  const errorSamples: string[] = [];
  const latencyByKind = new Map<string, number[]>();
  let inFlight = 0;

  const record = (request: Request, scheduledAt: number, status: number, detail: string): void => {
    const latency = performance.now() - scheduledAt;
    inFlight--;
    window.answered++;
    totals.answered++;
    window.latencies.push(latency);
    all.push(latency);
    const ofKind = latencyByKind.get(request.kind) ?? [];
    ofKind.push(latency);
    latencyByKind.set(request.kind, ofKind);
    if (status >= 200 && status < 300) return;
    window.errors++;
    totals.errors++;
    const key = `${request.kind}: ${status === 0 ? detail : status}`;
    errorsByKind.set(key, (errorsByKind.get(key) ?? 0) + 1);
    if (errorSamples.length < 10)
      errorSamples.push(
        `${request.method} ${request.path} → ${status || 'network'}: ${detail.slice(0, 300)}`,
      );
  };

  const send = (request: Request, scheduledAt: number): void => {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = { authorization: `Bearer ${request.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (request.ifMatch !== undefined) headers['if-match'] = `"${request.ifMatch}"`;
    inFlight++;
    let settled = false;
    const settle = (status: number, detail: string, version?: number): void => {
      if (settled) return;
      settled = true;
      request.done?.(status, version);
      record(request, scheduledAt, status, detail);
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: request.method,
        path: request.path,
        headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const etag = /^"(\d+)"$/.exec(String(res.headers.etag ?? ''))?.[1];
          const ok = status >= 200 && status < 300;
          const text = ok ? '' : Buffer.concat(chunks).toString('utf8');
          let version = ok && etag ? Number(etag) : undefined;
          if (status === 412)
            try {
              version = (JSON.parse(text) as { current?: { version?: number } }).current?.version;
            } catch {
              version = undefined;
            }
          settle(status, text, version);
        });
        res.on('error', (error) => settle(0, error.message));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)));
    req.on('error', (error) => settle(0, error.message));
    req.end(body);
  };

  const rows: Row[] = [];
  const memorySamples: { at: number; memory: Memory }[] = [];
  const durationMs = minutes * 60_000;
  const warmupMs = warmupMinutes * 60_000;
  const totalRequests = Math.round((durationMs / 1000) * rate);
  /** The V8 heap still referenced after a full collection, at the end of the warm-up and at the end. */
  const heapAfterGc: { warmup?: number; end?: number } = {};
  const started = performance.now();
  let n = 0;
  // The server's CPU time and heap, sampled every second over IPC (reports read the latest).
  const first = await server.stats();
  let cpuSample = { at: started, micros: first.cpuMicros.user + first.cpuMicros.system };
  let heapUsed = first.memory.heapUsed;
  let lastMemory = first.memory;
  let cpuAtReport = cpuSample;
  const cpuSampler = setInterval(() => {
    const at = performance.now();
    void server.stats().then((stats) => {
      cpuSample = { at, micros: stats.cpuMicros.user + stats.cpuMicros.system };
      heapUsed = stats.memory.heapUsed;
      lastMemory = stats.memory;
    });
  }, 1000);

  const report = (elapsedMs: number, label: string): void => {
    const sorted = [...window.latencies].sort((a, b) => a - b);
    const memory = memoryOf(pid);
    const cpu =
      (cpuSample.micros - cpuAtReport.micros) / 1000 / Math.max(1, cpuSample.at - cpuAtReport.at);
    cpuAtReport = cpuSample;
    const row: Row = {
      minute: label,
      sent: window.sent,
      answered: window.answered,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      errors: window.errors,
      memory,
      heapUsed,
      cpu,
      load: loadavg(),
    };
    rows.push(row);
    log(
      `[${(elapsedMs / 60_000).toFixed(1).padStart(4)} min] sent ${totals.sent} (+${row.sent}, ${(row.sent / reportSeconds).toFixed(0)}/s), ` +
        `p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, errors ${totals.errors} (+${row.errors}), in flight ${inFlight}, ` +
        `server RSS ${mib(memory.rss)} (anon ${mib(memory.anon)}, file ${mib(memory.file)}, heap used ${mib(heapUsed)} of ${mib(lastMemory.heapTotal)}, external ${mib(lastMemory.external)}), server CPU ${(cpu * 100).toFixed(0)}% of a core, load ${row.load}`,
    );
    window = newWindow();
  };

  // The scheduler: every tick sends the requests whose moments have come (rate × elapsed), each
  // timed from its own moment. A tick late by a few ms sends the backlog at once.
  await new Promise<void>((resolve) => {
    let nextReport = reportSeconds * 1000;
    let nextMemory = 5_000;
    const tick = (): void => {
      const now = performance.now();
      const elapsed = Math.min(now - started, durationMs);
      // Request n is due at n / rate seconds: the first leaves at once.
      const due = Math.min(totalRequests, Math.floor((elapsed / 1000) * rate) + 1);
      while (n < due) {
        const scheduledAt = started + (n / rate) * 1000;
        const entry = mix[schedule[n % schedule.length] as number];
        const request = entry?.make(Math.floor(n / total));
        n++;
        if (!request || !entry) {
          // Every object of this kind already being edited: not sent, counted apart.
          totals.skipped++;
          continue;
        }
        totals.sent++;
        window.sent++;
        if (entry.write) window.writes++;
        send(request, scheduledAt);
      }
      if (elapsed >= nextMemory) {
        const memory = memoryOf(pid);
        memorySamples.push({ at: elapsed, memory });
        if (heapAfterGc.warmup === undefined && elapsed >= warmupMs) {
          heapAfterGc.warmup = NaN;
          void server.stats(true).then((stats) => {
            heapAfterGc.warmup = stats.memory.heapUsed;
          });
        }
        nextMemory += 5_000;
      }
      if (elapsed >= nextReport && elapsed < durationMs) {
        report(elapsed, (elapsed / 60_000).toFixed(1));
        nextReport += reportSeconds * 1000;
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 5);
  });

  // Wait for the answers still in flight (each has its own timeout).
  const draining = performance.now();
  while (inFlight > 0 && performance.now() - draining < timeoutMs + 5_000)
    await new Promise((resolve) => setTimeout(resolve, 50));
  clearInterval(cpuSampler);
  cpuSample = { at: performance.now(), micros: await server.cpuMicros() };
  report(durationMs, 'end');
  memorySamples.push({ at: durationMs, memory: memoryOf(pid) });
  heapAfterGc.end = (await server.stats(true)).memory.heapUsed;
  if (args.profile) {
    const { statements } = await server.stats();
    const ranked = Object.entries(statements).sort((a, b) => b[1].runMs - a[1].runMs);
    const sqlMs = ranked.reduce((sum, [, st]) => sum + st.runMs, 0);
    log(`\nSQL: ${Math.round(sqlMs)} ms running statements; the top 12 by time:`);
    for (const [source, st] of ranked.slice(0, 12))
      log(
        `  ${Math.round(st.runMs).toString().padStart(7)} ms  ${st.count.toString().padStart(6)} runs  ${(st.runMs / Math.max(1, st.count)).toFixed(2)} ms/run  ${source.replace(/\s+/g, ' ').slice(0, 220)}`,
      );
  }
  agent.destroy();
  await server.stop();
  const profiles = fs.existsSync(path.join(tmp, 'profile'))
    ? fs.readdirSync(path.join(tmp, 'profile')).map((f) => path.join(tmp, 'profile', f))
    : [];
  // The main thread's profile is the largest of the server's.
  const profileFile = profiles.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (profileFile) {
    const profile = summariseProfile(profileFile, 20);
    log(`\nthe server's CPU profile, ${Math.round(profile.totalMs)} ms of samples, by area:`);
    for (const a of profile.areas) log(`  ${(a.share * 100).toFixed(1).padStart(5)}%  ${a.name}`);
    log('top functions by self time:');
    for (const f of profile.functions)
      log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
  }

  // ---- the summary ----
  const sortedAll = all.sort((a, b) => a - b);
  // RSS saws up and down with V8's collections (tens of MiB every few seconds), so the two ends
  // compared are means of the 5-s samples over a minute: the minute after the warm-up and the
  // last minute (half the measured span each when it is shorter).
  const span = Math.min(60_000, (durationMs - warmupMs) / 2);
  const meanOf = (from: number, to: number, field: keyof Memory): number => {
    const inside = memorySamples.filter((m) => m.at >= from && m.at <= to);
    return inside.reduce((sum, m) => sum + m.memory[field], 0) / inside.length;
  };
  const afterWarmup = {
    rss: meanOf(warmupMs, warmupMs + span, 'rss'),
    anon: meanOf(warmupMs, warmupMs + span, 'anon'),
  };
  const atEnd = {
    rss: meanOf(durationMs - span, durationMs, 'rss'),
    anon: meanOf(durationMs - span, durationMs, 'anon'),
  };
  const growth = (atEnd.rss - afterWarmup.rss) / afterWarmup.rss;
  const anonGrowth = (atEnd.anon - afterWarmup.anon) / afterWarmup.anon;
  const heapGrowth =
    ((heapAfterGc.end ?? NaN) - (heapAfterGc.warmup ?? NaN)) / (heapAfterGc.warmup ?? NaN);
  const pct = (share: number): string => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`;
  const fmt = (ms: number): string => (Number.isNaN(ms) ? '–' : ms.toFixed(1));
  const lines = [
    '',
    '| minute | requests | p50 ms | p99 ms | errors | server RSS (anon + file) | heap used | server CPU | load average |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.minute} | ${r.sent.toLocaleString('en')} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors} | ${mib(r.memory.rss)} (${mib(r.memory.anon)} + ${mib(r.memory.file)}) | ${mib(r.heapUsed)} | ${(r.cpu * 100).toFixed(0)}% | ${r.load} |`,
    ),
    `| **total** | ${totals.sent.toLocaleString('en')} | ${fmt(percentile(sortedAll, 50))} | ${fmt(percentile(sortedAll, 99))} | ${totals.errors} | | | | |`,
    '',
    `sent ${totals.sent} in ${minutes} min (${(totals.sent / (minutes * 60)).toFixed(1)}/s; ${totals.skipped} edits skipped, every candidate object busy), answered ${totals.answered}; max latency ${fmt(sortedAll[sortedAll.length - 1] ?? NaN)} ms`,
    `requests by kind (count, p50/p99 ms): ${[...latencyByKind]
      .map(([kind, latencies]) => {
        const sorted = latencies.sort((a, b) => a - b);
        return `${kind} ${latencies.length} ${fmt(percentile(sorted, 50))}/${fmt(percentile(sorted, 99))}`;
      })
      .join(', ')}`,
    `server RSS, mean over ${span / 1000} s after the ${warmupMinutes}-min warm-up → over the last ${span / 1000} s: ${mib(afterWarmup.rss)} → ${mib(atEnd.rss)}, ${pct(growth)} (limit +${RSS_GROWTH_LIMIT * 100}%); anonymous ${mib(afterWarmup.anon)} → ${mib(atEnd.anon)}, ${pct(anonGrowth)}`,
    `V8 heap after a full collection: ${mib(heapAfterGc.warmup ?? NaN)} after the warm-up → ${mib(heapAfterGc.end ?? NaN)} at the end, ${pct(heapGrowth)}`,
    `RSS every 5 s (MiB): ${memorySamples.map((s) => (s.memory.rss / 1024 / 1024).toFixed(0)).join(' ')}`,
  ];
  if (errorsByKind.size > 0) {
    lines.push(`errors: ${[...errorsByKind].map(([k, v]) => `${k} ×${v}`).join('; ')}`);
    lines.push(...errorSamples.map((s) => `  ${s}`));
  }
  const failures: string[] = [];
  if (totals.errors > 0) failures.push(`${totals.errors} errors`);
  if (totals.answered < totals.sent)
    failures.push(`${totals.sent - totals.answered} requests never answered`);
  if (!(growth <= RSS_GROWTH_LIMIT))
    failures.push(`server RSS grew ${(growth * 100).toFixed(1)}% after the warm-up`);
  lines.push(failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return failures.length === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
