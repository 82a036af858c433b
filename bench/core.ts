/**
 * Core benchmarks (`npm run bench:core`): loading a 10,000-person organisation, compared with a
 * plain better-sqlite3 insert loop on the same machine; recomputing progress and health of every
 * objective; and walking the alignment graph at 100,000 objectives.
 *
 *   tsx bench/core.ts [--people 10000] [--tree-people 33400] [--bad-order] [--write-docs]
 *   tsx bench/core.ts --doc-from bench/results/core-<time>.json   (re-render docs/benchmarks.md)
 *                     [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 *
 * With --postgres (a URL of a database the user may create databases from), the same
 * measurements run on PostgreSQL too, each in a fresh database that is dropped afterwards.
 *
 * Prints a table, saves bench/results/core-<time>.json and, with --write-docs, rewrites
 * docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Connection, type DatabaseTarget } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import {
  ancestorIds,
  ancestorsQuery,
  descendantIds,
  descendantsQuery,
} from '../src/repositories/alignment-queries.ts';
import { generateOrganisation } from '../src/services/generate-organisation.ts';
import { recomputeOrganisation } from '../src/services/recompute.ts';
import { rawInsertBaseline } from './raw-baseline.ts';
import { measureRiskPropagation } from './risk.ts';
import { badOrderDescendants, deepestLeafAndLargestRoot, explainSqlite } from './tree-support.ts';
import { writeBenchmarksDoc, type BenchResults, type Measurement } from './report.ts';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '10000' },
    'tree-people': { type: 'string', default: '33400' },
    'bad-order': { type: 'boolean', default: false },
    postgres: { type: 'string' },
    'write-docs': { type: 'boolean', default: false },
    'doc-from': { type: 'string' },
  },
});
const people = Number(args.people);
const treePeople = Number(args['tree-people']);
const now = new Date();
const loadAtStart = os.loadavg()[0] ?? 0;
/** Scratch folder of the SQLite files, made in main() and removed at the end. */
let tmp = '';
const measurements: Measurement[] = [];

function record(m: Measurement): void {
  measurements.push(m);
  const target = m.target ? `  (target ${m.target}: ${m.ok ? 'ok' : 'MISSED'})` : '';
  process.stderr.write(`${m.dialect.padEnd(8)} ${m.name}: ${m.value}${target}\n`);
}

async function open(target: DatabaseTarget): Promise<Connection> {
  const connection = await openDatabase(target);
  await migrateToLatest(connection.db);
  return connection;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

const fmtS = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const fmtMs = (ms: number): string => `${ms.toFixed(1)} ms`;
const fmtN = (n: number): string => Math.round(n).toLocaleString('en');

async function coreLoad(dialect: 'sqlite' | 'postgres', target: DatabaseTarget): Promise<void> {
  const connection = await open(target);
  try {
    const generate = await timed(() =>
      generateOrganisation(connection, {
        people,
        seed: 1,
        slug: 'bench-core',
        now,
        recompute: false,
      }),
    );
    const outcome = generate.result;
    const ourRate = outcome.rows / (outcome.loadMs / 1000);
    record({ dialect, name: `generate --people ${fmtN(people)}: rows`, value: fmtN(outcome.rows) });
    record({
      dialect,
      name: 'generate: load (one transaction)',
      value: `${fmtS(outcome.loadMs)}, ${fmtN(ourRate)} rows/s`,
    });
    const checkIns = outcome.tables.find((t) => t.table === 'check_ins');
    if (checkIns)
      record({
        dialect,
        name: 'generate: check_ins table',
        value: `${fmtN(checkIns.rows)} rows in ${fmtS(checkIns.ms)}`,
      });

    if (dialect === 'sqlite') {
      const raw = rawInsertBaseline(path.join(tmp, 'raw.db'), outcome.rows);
      record({
        dialect,
        name: 'plain better-sqlite3 loop, same row count',
        value: `${fmtS(raw.ms)}, ${fmtN(raw.rowsPerSecond)} rows/s`,
      });
      const ratio = ourRate / raw.rowsPerSecond;
      record({
        dialect,
        name: 'load rate as a ratio of the plain loop',
        value: ratio.toFixed(2),
        target: '>= 0.3',
        ok: ratio >= 0.3,
      });
    }

    const first = await timed(() => recomputeOrganisation(connection, outcome.orgId, now));
    record({
      dialect,
      name: `recompute progress + health (${fmtN(first.result.objectives)} objectives, ${fmtN(first.result.keyResults)} KRs, all rows written)`,
      value: fmtS(first.ms),
      target: '<= 2 s',
      ok: first.ms <= 2000,
    });
    const again = await timed(() => recomputeOrganisation(connection, outcome.orgId, now));
    record({ dialect, name: 'recompute again (nothing changed)', value: fmtS(again.ms) });
    const risk = await measureRiskPropagation(connection, outcome.orgId, 'bench-core', now);
    record({
      dialect,
      name: `risk that travels: one check-in puts a key result off track, then the ${fmtN(risk.downstream)} key results depending on it (10 × 10, and a chain ${risk.depth} deep; ${fmtN(risk.dependencies)} dependencies in all) are read with their risk`,
      value: `${fmtMs(risk.checkInMs + risk.readMs)} (check-in ${fmtMs(risk.checkInMs)}, read ${fmtMs(risk.readMs)}; ${fmtN(risk.showingRisk)} show the risk)`,
      target: '<= 50 ms',
      ok: risk.checkInMs + risk.readMs <= 50 && risk.showingRisk === risk.downstream,
    });
    const total = generate.ms + first.ms;
    record({
      dialect,
      name: `okr generate --people ${fmtN(people)} end to end (load + recompute)`,
      value: fmtS(total),
      target: dialect === 'sqlite' ? '<= 30 s' : undefined,
      ok: total <= 30_000,
    });
  } finally {
    await connection.close();
  }
}

async function treeWalks(
  dialect: 'sqlite' | 'postgres',
  target: DatabaseTarget,
): Promise<BenchResults['plans']> {
  const connection = await open(target);
  try {
    const generate = await timed(() =>
      generateOrganisation(connection, {
        people: treePeople,
        seed: 1,
        slug: 'bench-tree',
        now,
        keyResultsPerPerson: 0,
        checkInsPerKeyResult: 0,
        recompute: false,
      }),
    );
    const objectives = generate.result.counts.objectives ?? 0;
    record({
      dialect,
      name: `tree data: ${fmtN(objectives)} objectives, ${fmtN(generate.result.counts.alignments ?? 0)} alignments`,
      value: `generated in ${fmtS(generate.ms)}`,
    });
    const { root, rootDescendants, leaf, leafAncestors, companyIds } =
      await deepestLeafAndLargestRoot(connection.db, generate.result.orgId);

    const down: number[] = [];
    let found = 0;
    for (let i = 0; i < 5; i++) {
      const run = await timed(() => descendantIds(connection.db, root));
      down.push(run.ms);
      found = run.result.length;
    }
    if (found !== rootDescendants)
      throw new Error(`descendant walk found ${found}, expected ${rootDescendants}`);
    record({
      dialect,
      name: `descendant walk from the largest company objective (${fmtN(found)} descendants)`,
      value: `${fmtMs(median(down))} (median of 5)`,
      target: '< 116 ms',
      ok: median(down) < 116,
    });

    const all = await timed(async () => {
      let n = 0;
      for (const id of companyIds) n += (await descendantIds(connection.db, id)).length;
      return n;
    });
    record({
      dialect,
      name: `descendant walks from all ${fmtN(companyIds.length)} company objectives (${fmtN(all.result)} rows)`,
      value: fmtMs(all.ms),
    });

    const up: number[] = [];
    for (let i = 0; i < 5; i++) {
      const run = await timed(() => ancestorIds(connection.db, leaf));
      up.push(run.ms);
      if (run.result.length !== leafAncestors)
        throw new Error(`ancestor walk found ${run.result.length}, expected ${leafAncestors}`);
    }
    record({
      dialect,
      name: `ancestor walk from the deepest leaf (${leafAncestors} ancestors)`,
      value: `${fmtMs(median(up))} (median of 5)`,
    });

    if (args['bad-order'] && dialect === 'sqlite') {
      const bad = await timed(() => Promise.resolve(badOrderDescendants(connection, root)));
      record({
        dialect,
        name: 'same descendant walk, alignments as the outer loop (the bad order)',
        value: fmtS(bad.ms),
      });
    }
    if (dialect !== 'sqlite') return undefined;
    return {
      descendants: explainSqlite(connection, descendantsQuery(connection.db, root).compile()),
      ancestors: explainSqlite(connection, ancestorsQuery(connection.db, leaf).compile()),
    };
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  if (args['doc-from']) {
    // Re-render the page from a saved run, e.g. after editing its wording in bench/report.ts.
    const saved = JSON.parse(fs.readFileSync(args['doc-from'], 'utf8')) as BenchResults;
    writeBenchmarksDoc('docs/benchmarks.md', saved);
    console.log(`Rewrote docs/benchmarks.md from ${args['doc-from']}`);
    return;
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-bench-'));
  const sqliteFile = (name: string): DatabaseTarget => ({
    dialect: 'sqlite',
    file: path.join(tmp, name),
  });
  const probe = await open(sqliteFile('probe.db'));
  const sqliteVersion = (
    probe.sqlite?.prepare('SELECT sqlite_version() AS v').get() as { v: string }
  ).v;
  await probe.close();

  await coreLoad('sqlite', sqliteFile('core.db'));
  const plans = await treeWalks('sqlite', sqliteFile('tree.db'));

  let postgresVersion: string | undefined;
  if (args.postgres) {
    // Each part gets a fresh database on the server, dropped afterwards.
    const scratch = async (part: string, run: (target: DatabaseTarget) => Promise<unknown>) => {
      const admin = new pg.Client({ connectionString: args.postgres });
      await admin.connect();
      const name = `okrw_bench_${part}_${process.pid}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(args.postgres as string);
      url.pathname = `/${name}`;
      try {
        await run({ dialect: 'postgres', url: url.toString() });
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    };
    await scratch('core', async (target) => {
      const probePg = await open(target);
      postgresVersion = (await probePg.pool?.query<{ v: string }>('SHOW server_version'))?.rows[0]
        ?.v;
      await probePg.close();
      await coreLoad('postgres', target);
    });
    await scratch('tree', (target) => treeWalks('postgres', target));
  }

  const results: BenchResults = {
    at: now.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      sqlite: sqliteVersion,
      postgres: postgresVersion,
      platform: `${os.type()} ${os.release()}`,
      load: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    },
    people,
    treePeople,
    measurements,
    plans,
  };

  console.log('');
  console.log('| database | measurement | result | target |');
  console.log('|---|---|---|---|');
  for (const m of measurements) {
    console.log(
      `| ${m.dialect} | ${m.name} | ${m.value} | ${m.target ? `${m.target} ${m.ok ? 'ok' : 'MISSED'}` : ''} |`,
    );
  }
  console.log('');
  console.log(
    'Warning: a recursive step that scans alignments and looks up the walk (the bad join order)',
  );
  console.log(
    'was measured quadratic: 5 s at 10,000 objectives, 456 s at 100,000, against 116 ms the right way.',
  );

  fs.mkdirSync('bench/results', { recursive: true });
  const file = path.join('bench/results', `core-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nSaved ${file}`);
  if (args['write-docs']) {
    writeBenchmarksDoc('docs/benchmarks.md', results);
    console.log('Rewrote docs/benchmarks.md');
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

await main();
