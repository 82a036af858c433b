/**
 * A large synthetic organisation for benchmarks: `okr generate --people N`. Deterministic: the
 * same seed, size and day give the same rows, ids included (UUIDv7-shaped ids come from the seed
 * and a base time fixed by the cycle, not from the clock). Rows stream into the bulk writer table
 * by table; then progress and health are recomputed.
 */
import { sql } from 'kysely';
import { AppError } from '../contracts/app-error.ts';
import { withBulkWriter, type Row } from '../db/bulk.ts';
import type { Connection } from '../db/connection.ts';
import type { TableName } from '../db/schema.ts';
import { demoQuarters } from './demo/acme-rows.ts';
import { seedFrom } from './demo/prng.ts';
import { planSyntheticOrganisation } from './demo/synthetic-plan.ts';
import { syntheticTables } from './demo/synthetic-rows.ts';
import { recomputeOrganisation } from './recompute.ts';

export interface GenerateOptions {
  /** Number of people; the rest scales from it (0.1 teams, 3 objectives, 10 key results per person). */
  people: number;
  /** Any integer or text; the default is 1. */
  seed?: number | string;
  /** Organisation slug; default `synthetic-<seed>`. */
  slug?: string;
  /**
   * The moment the data is "as of" (default: the clock). The cycle is the quarter containing it,
   * check-ins are spread from the cycle start up to its day, and progress is recomputed at it.
   * Rows depend only on its day.
   */
  now?: Date;
  keyResultsPerPerson?: number;
  checkInsPerKeyResult?: number;
  /** Progress bars per table (stderr); none by default. */
  progress?: Progress;
  /** Recompute progress and health after loading (default true). */
  recompute?: boolean;
}

export interface GenerateOutcome {
  orgId: string;
  slug: string;
  seed: number;
  cycle: { name: string; startDate: string; endDate: string };
  counts: Partial<Record<TableName, number>>;
  /** Rows and milliseconds per table, in the order written. */
  tables: { table: TableName; rows: number; ms: number }[];
  rows: number;
  /** Writing all rows, including the commit (and ANALYZE on PostgreSQL). */
  loadMs: number;
  recomputeMs: number | null;
}

const MAX_PEOPLE = 1_000_000;

/** Where per-table progress goes; the CLI passes its progress bars (src/cli/progress.ts). */
export interface Progress {
  start(label: string, total: number): void;
  increment(by?: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { start() {}, increment() {}, stop() {} };

/** Tables smaller than this load too fast for a progress bar to be worth a line. */
const PROGRESS_MIN_ROWS = 5000;

function tracked(
  label: string,
  total: number,
  rows: Iterable<Row>,
  progress: Progress,
): Iterable<Row> {
  if (total < PROGRESS_MIN_ROWS) return rows;
  return {
    *[Symbol.iterator]() {
      progress.start(label, total);
      let pending = 0;
      for (const row of rows) {
        yield row;
        if (++pending === 4096) {
          progress.increment(pending);
          pending = 0;
        }
      }
      progress.increment(pending);
      progress.stop();
    },
  };
}

/**
 * Generates a synthetic organisation of `people` people into the database in one transaction,
 * then recomputes its progress. Refuses (AppError `conflict`, nothing changed) when the slug is
 * taken, and (`bad_input`) a size that is not a whole number from 1 to 1,000,000.
 */
export async function generateOrganisation(
  connection: Connection,
  options: GenerateOptions,
): Promise<GenerateOutcome> {
  const { people } = options;
  if (!Number.isInteger(people) || people < 1 || people > MAX_PEOPLE) {
    throw new AppError(
      'bad_input',
      `The number of people must be a whole number from 1 to ${MAX_PEOPLE.toLocaleString('en')}; got ${people}.`,
    );
  }
  const keyResultsPerPerson = options.keyResultsPerPerson ?? 10;
  const checkInsPerKeyResult = options.checkInsPerKeyResult ?? 10;
  for (const [name, value] of [
    ['key results per person', keyResultsPerPerson],
    ['check-ins per key result', checkInsPerKeyResult],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value > 100)
      throw new AppError('bad_input', `The number of ${name} must be from 0 to 100; got ${value}.`);
  }
  const seed =
    typeof options.seed === 'number' && Number.isInteger(options.seed)
      ? options.seed >>> 0
      : seedFrom(options.seed ?? 1);
  const slug = options.slug ?? `synthetic-${options.seed ?? 1}`;
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) {
    throw new AppError(
      'bad_input',
      `The organisation slug '${slug}' must be lower-case letters, digits and dashes.`,
    );
  }
  const now = options.now ?? new Date();
  const progress = options.progress ?? NO_PROGRESS;

  const taken = await connection.db
    .selectFrom('organisations')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (taken) {
    throw new AppError(
      'conflict',
      `The organisation '${slug}' already exists in ${connection.describe}; nothing was changed. Choose another with --org.`,
    );
  }

  const cycle = demoQuarters(now).active;
  const baseMs = Date.parse(`${cycle.startDate}T00:00:00.000Z`) - 14 * 86_400_000;
  const plan = planSyntheticOrganisation(
    { people, seed, idSalt: seedFrom(slug), keyResultsPerPerson, checkInsPerKeyResult },
    baseMs,
  );
  const tables = syntheticTables({
    plan,
    slug,
    name: `Synthetic ${people.toLocaleString('en')} (seed ${options.seed ?? 1})`,
    cycle,
    asOfDate: now.toISOString().slice(0, 10),
  });

  const written: GenerateOutcome['tables'] = [];
  const counts: Partial<Record<TableName, number>> = {};
  const loadStarted = performance.now();
  await withBulkWriter(connection, async (writer) => {
    for (const { table, total, rows } of tables) {
      const started = performance.now();
      const count = await writer.insert(table, tracked(table, total, rows(), progress));
      written.push({ table, rows: count, ms: performance.now() - started });
      counts[table] = count;
    }
    counts.audit_log = await writer.insert('audit_log', [
      {
        id: plan.nextId(),
        org_id: plan.orgId,
        actor_id: null,
        action: 'organisation.generated',
        object_type: 'organisation',
        object_id: plan.orgId,
        before_json: null,
        after_json: JSON.stringify({
          slug,
          seed,
          people,
          keyResultsPerPerson,
          checkInsPerKeyResult,
        }),
        created_at: now.toISOString(),
      },
    ]);
  });
  // PostgreSQL plans from statistics that a bulk load leaves empty until autovacuum gets round
  // to it: without them the recursive alignment walks pick a merge join over the whole table
  // (and JIT), 100 times slower. SQLite plans these queries without statistics.
  if (connection.dialect === 'postgres') {
    await sql`ANALYZE ${sql.join(written.map((t) => sql.table(t.table)))}`.execute(connection.db);
  }
  const loadMs = performance.now() - loadStarted;

  let recomputeMs: number | null = null;
  if (options.recompute ?? true) {
    const started = performance.now();
    await recomputeOrganisation(connection, plan.orgId, now);
    recomputeMs = performance.now() - started;
  }
  return {
    orgId: plan.orgId,
    slug,
    seed,
    cycle,
    counts,
    tables: written,
    rows: written.reduce((sum, t) => sum + t.rows, 0),
    loadMs,
    recomputeMs,
  };
}
