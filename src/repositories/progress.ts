/**
 * Reading what progress depends on and writing the derived progress and health back. Stored
 * progress is a cache of the domain rules over the stored values; `recomputeOrganisation`
 * rebuilds it from scratch.
 *
 * Rows are read as positional tuples and turned into the rules' input in one pass: for a whole
 * organisation (130,000 rows at 10,000 people) reading arrays instead of objects halves the
 * reading time on SQLite (see docs/benchmarks.md).
 */
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Connection } from '../db/connection.ts';
import type { KrDirection, KrKind } from '../contracts/model.ts';
import type { OrganisationProgressInput } from '../domain/organisation-progress.ts';
import type { Db } from '../services/context.ts';

const CYCLE_COLUMNS = ['id', 'start_date', 'end_date'] as const;
const OBJECTIVE_COLUMNS = ['id', 'cycle_id', 'include_children', 'progress', 'health'] as const;
const KEY_RESULT_COLUMNS = [
  'id',
  'objective_id',
  'kind',
  'direction',
  'start_value',
  'target_value',
  'current_value',
  'weight',
  'confidence',
  'contributes_to_id',
  'progress',
  'health',
] as const;
const ALIGNMENT_COLUMNS = ['child_id', 'parent_id'] as const;

type CycleRow = [id: string, startDate: string, endDate: string];
type ObjectiveRow = [
  id: string,
  cycleId: string,
  includeChildren: number,
  progress: number,
  health: string | null,
];
type KeyResultRow = [
  id: string,
  objectiveId: string,
  kind: string,
  direction: string,
  start: number,
  target: number | null,
  current: number,
  weight: number,
  confidence: number | null,
  contributesToId: string | null,
  progress: number,
  health: string | null,
];
type AlignmentRow = [childId: string, parentId: string];

/** What an objective or key result has stored now. */
export interface StoredProgress {
  id: string;
  progress: number;
  health: string | null;
}

/** The rules' input, with what is stored for each of its objectives and key results. */
export interface ProgressRows {
  input: OrganisationProgressInput;
  /** In the order of `input.objectives`. */
  storedObjectives: StoredProgress[];
  /** In the order of `input.keyResults`. */
  storedKeyResults: StoredProgress[];
}

interface Tuples {
  cycles: CycleRow[];
  objectives: ObjectiveRow[];
  keyResults: KeyResultRow[];
  alignments: AlignmentRow[];
}

/** Orders rows by their first column (an id). */
function byFirst(a: readonly unknown[], b: readonly unknown[]): number {
  const x = a[0] as string;
  const y = b[0] as string;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The one mapping from stored rows to the progress rules' input. */
function progressRowsOf(tuples: Tuples): ProgressRows {
  // Progress is a floating-point sum over each objective's key results and children, so its last
  // bit depends on their order. Databases return rows in whatever order their plans and past
  // updates left them (PostgreSQL after updates, SQLite through one index or another): in one
  // canonical order, a refresh and a full recompute add the same numbers the same way.
  tuples.keyResults.sort(byFirst);
  tuples.alignments.sort((a, b) => byFirst(a, b) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const storedObjectives: StoredProgress[] = [];
  const storedKeyResults: StoredProgress[] = [];
  const input: OrganisationProgressInput = {
    cycles: tuples.cycles.map(([id, startDate, endDate]) => ({ id, startDate, endDate })),
    objectives: tuples.objectives.map(([id, cycleId, includeChildren, progress, health]) => {
      storedObjectives.push({ id, progress, health });
      return { id, cycleId, includeChildren: includeChildren === 1 };
    }),
    keyResults: tuples.keyResults.map(
      ([
        id,
        objectiveId,
        kind,
        direction,
        start,
        target,
        current,
        weight,
        confidence,
        contributesToId,
        progress,
        health,
      ]) => {
        storedKeyResults.push({ id, progress, health });
        return {
          id,
          objectiveId,
          contributesToId,
          kind: kind as KrKind,
          direction: direction as KrDirection,
          start,
          target,
          current,
          weight,
          confidence,
        };
      },
    ),
    alignments: tuples.alignments.map(([childId, parentId]) => ({ childId, parentId })),
  };
  return { input, storedObjectives, storedKeyResults };
}

/** Object rows (from Kysely) as tuples in `columns` order. */
function tuplesOf<T>(rows: Record<string, unknown>[], columns: readonly string[]): T[] {
  return rows.map((row) => columns.map((c) => row[c]) as T);
}

/** Everything of an organisation that progress and health are computed from. */
export async function loadProgressInputs(
  connection: Connection,
  orgId: string,
): Promise<ProgressRows> {
  const queries = {
    cycles: `SELECT ${CYCLE_COLUMNS.join(', ')} FROM cycles WHERE org_id = $1`,
    objectives: `SELECT ${OBJECTIVE_COLUMNS.join(', ')} FROM objectives WHERE org_id = $1`,
    keyResults: `SELECT ${KEY_RESULT_COLUMNS.join(', ')} FROM key_results WHERE org_id = $1`,
    alignments: `SELECT ${ALIGNMENT_COLUMNS.join(', ')} FROM alignments WHERE org_id = $1`,
  };
  const { sqlite, pool } = connection;
  if (sqlite) {
    const read = <T>(text: string): T[] =>
      sqlite.prepare(text.replace('$1', '?')).raw().all(orgId) as T[];
    // One read transaction, so the four reads see the same moment.
    return progressRowsOf(
      sqlite.transaction(() => ({
        cycles: read<CycleRow>(queries.cycles),
        objectives: read<ObjectiveRow>(queries.objectives),
        keyResults: read<KeyResultRow>(queries.keyResults),
        alignments: read<AlignmentRow>(queries.alignments),
      }))(),
    );
  }
  if (!pool) throw new Error('loadProgressInputs needs a SQLite or PostgreSQL connection');
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const read = async <T>(text: string): Promise<T[]> =>
      (
        await client.query<T extends unknown[] ? T : never>({
          text,
          values: [orgId],
          rowMode: 'array',
        })
      ).rows;
    const tuples: Tuples = {
      cycles: await read<CycleRow>(queries.cycles),
      objectives: await read<ObjectiveRow>(queries.objectives),
      keyResults: await read<KeyResultRow>(queries.keyResults),
      alignments: await read<AlignmentRow>(queries.alignments),
    };
    await client.query('COMMIT');
    return progressRowsOf(tuples);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface ProgressUpdate {
  id: string;
  progress: number;
  health: string | null;
}

/** Writes derived progress and health for key results and objectives, in one transaction. */
export async function saveProgress(
  connection: Connection,
  keyResults: ProgressUpdate[],
  objectives: ProgressUpdate[],
): Promise<void> {
  const sqlite = connection.sqlite;
  if (sqlite) {
    const updateKr = sqlite.prepare('UPDATE key_results SET progress = ?, health = ? WHERE id = ?');
    const updateObjective = sqlite.prepare(
      'UPDATE objectives SET progress = ?, health = ? WHERE id = ?',
    );
    sqlite.transaction(() => {
      for (const u of keyResults) updateKr.run(u.progress, u.health, u.id);
      for (const u of objectives) updateObjective.run(u.progress, u.health, u.id);
    })();
    return;
  }
  const pool = connection.pool;
  if (!pool) throw new Error('saveProgress needs a SQLite or PostgreSQL connection');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [table, updates] of [
      ['key_results', keyResults],
      ['objectives', objectives],
    ] as const) {
      // One statement per chunk: UPDATE ... FROM unnest(arrays), so 100,000 rows cost a handful of
      // round trips rather than 100,000.
      for (let i = 0; i < updates.length; i += 20_000) {
        const chunk = updates.slice(i, i + 20_000);
        await client.query(
          `UPDATE ${table} AS t SET progress = u.progress, health = u.health
             FROM unnest($1::text[], $2::double precision[], $3::text[]) AS u(id, progress, health)
            WHERE t.id = u.id`,
          [chunk.map((u) => u.id), chunk.map((u) => u.progress), chunk.map((u) => u.health)],
        );
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * What refreshing part of the tree needs: `objectiveIds`, all their ancestors (a recursive walk
 * up the alignment DAG through the primary key child_id → parent_id), their key results and key
 * results contributing to them, and — frozen, as stored — their other children. Key results
 * contributing to a refreshed objective but belonging to another one are only read for the
 * roll-up; they are not refreshed themselves.
 */
export async function loadRefreshInputs(
  db: Db,
  orgId: string,
  objectiveIds: string[],
): Promise<ProgressRows> {
  const empty: Tuples = { cycles: [], objectives: [], keyResults: [], alignments: [] };
  if (objectiveIds.length === 0) return progressRowsOf(empty);
  const withAncestors = () =>
    db.withRecursive('up(id)', (qb) =>
      qb
        .selectFrom('objectives')
        .select('id')
        .where('org_id', '=', orgId)
        .where('id', 'in', objectiveIds)
        .union((qb2) =>
          qb2
            .selectFrom('up')
            .innerJoin('alignments as a', 'a.child_id', 'up.id')
            .select('a.parent_id as id'),
        ),
    );
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Concurrent transactions refreshing a shared ancestor take turns: each locks the objectives
    // it will refresh (in id order, so that two never wait for each other crosswise), and the
    // reads below — new statements, so new snapshots under READ COMMITTED — see what the one
    // before it committed. Without this, two check-ins under one company objective could each
    // roll it up from the other's old progress and leave it stale. NO KEY UPDATE, the lock an
    // UPDATE of progress takes, does not wait for foreign-key checks' KEY SHARE locks (FOR UPDATE
    // did, and deadlocked). SQLite has one writer and needs none of this.
    // The lock is taken on SELECT: an UPDATE ... RETURNING could not lock in id order.
    await withAncestors()
      .selectFrom('objectives as o')
      .select('o.id')
      .where('o.id', 'in', (eb) => eb.selectFrom('up').select('up.id'))
      .orderBy('o.id')
      .forNoKeyUpdate()
      .execute();
  }
  // The objectives and all their ancestors, with their cycles' dates, in one query.
  const rows = await withAncestors()
    .selectFrom('objectives as o')
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .select([
      'o.id',
      'o.cycle_id',
      'o.include_children',
      'o.progress',
      'o.health',
      'c.start_date',
      'c.end_date',
    ])
    .where('o.org_id', '=', orgId)
    .where('o.id', 'in', (eb) => eb.selectFrom('up').select('up.id'))
    .execute();
  if (rows.length === 0) return progressRowsOf(empty);
  const ids = rows.map((r) => r.id);
  const cycles = new Map(
    rows.map((r) => [r.cycle_id, [r.cycle_id, r.start_date, r.end_date] as CycleRow]),
  );
  const [keyResults, alignments] = await Promise.all([
    db
      .selectFrom('key_results')
      .select(KEY_RESULT_COLUMNS)
      .where('org_id', '=', orgId)
      .where((eb) => eb.or([eb('objective_id', 'in', ids), eb('contributes_to_id', 'in', ids)]))
      .execute(),
    // With each child's stored progress: the children outside the refreshed set are rolled up
    // frozen, as stored.
    db
      .selectFrom('alignments as a')
      .innerJoin('objectives as ch', 'ch.id', 'a.child_id')
      .select(['a.child_id', 'a.parent_id', 'ch.progress', 'ch.health'])
      .where('a.parent_id', 'in', ids)
      .execute(),
  ]);
  const inside = new Set(ids);
  const frozenById = new Map<string, { id: string; progress: number; health: string | null }>();
  for (const a of alignments) {
    if (!inside.has(a.child_id))
      frozenById.set(a.child_id, { id: a.child_id, progress: a.progress, health: a.health });
  }
  const frozen = [...frozenById.values()];
  const result = progressRowsOf({
    cycles: [...cycles.values()],
    objectives: tuplesOf<ObjectiveRow>(rows, OBJECTIVE_COLUMNS),
    keyResults: tuplesOf<KeyResultRow>(keyResults, KEY_RESULT_COLUMNS),
    alignments: tuplesOf<AlignmentRow>(alignments, ALIGNMENT_COLUMNS),
  });
  result.input.frozen = frozen.map((f) => ({
    id: f.id,
    progress: f.progress,
    measurable: f.health !== null,
  }));
  return result;
}

/** Writes derived progress and health inside the caller's transaction (small sets). */
export async function saveProgressIn(
  db: Db,
  keyResults: ProgressUpdate[],
  objectives: ProgressUpdate[],
): Promise<void> {
  // In id order, so that concurrent refreshes sharing ancestors lock their rows in one order
  // (PostgreSQL otherwise finds deadlocks between check-ins on the same objective tree).
  const byId = (a: ProgressUpdate, b: ProgressUpdate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  keyResults = [...keyResults].sort(byId);
  objectives = [...objectives].sort(byId);
  for (const u of keyResults) {
    await db
      .updateTable('key_results')
      .set({ progress: u.progress, health: u.health })
      .where('id', '=', u.id)
      .execute();
  }
  // Objectives in one statement per chunk: a check-in's refresh changes a few dozen up the tree
  // (on PostgreSQL they are locked already, in id order, by loadRefreshInputs).
  for (let i = 0; i < objectives.length; i += OBJECTIVES_PER_UPDATE) {
    const chunk = objectives.slice(i, i + OBJECTIVES_PER_UPDATE);
    const byIdCase = (value: (u: ProgressUpdate) => RawBuilder<unknown>) =>
      sql`CASE id ${sql.join(
        chunk.map((u) => sql`WHEN ${u.id} THEN ${value(u)}`),
        sql` `,
      )} END`;
    await db
      .updateTable('objectives')
      .set({
        progress: byIdCase((u) => sql`CAST(${u.progress} AS double precision)`) as never,
        health: byIdCase((u) => sql`CAST(${u.health} AS text)`) as never,
      })
      .where(
        'id',
        'in',
        chunk.map((u) => u.id),
      )
      .execute();
  }
}

/** Objectives written by one UPDATE of a refresh (3 parameters each). */
const OBJECTIVES_PER_UPDATE = 500;
