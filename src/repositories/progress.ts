/**
 * Reading what progress depends on and writing the derived progress and health back. Stored
 * progress is a cache of the domain rules over the stored values; `recomputeOrganisation`
 * rebuilds it from scratch.
 */
import type { Connection } from '../db/connection.ts';
import type { Db } from '../services/context.ts';

export interface ProgressInputs {
  cycles: { id: string; start_date: string; end_date: string; status: string }[];
  objectives: { id: string; cycle_id: string; include_children: number; progress: number; health: string | null }[];
  keyResults: {
    id: string;
    objective_id: string;
    kind: string;
    direction: string;
    start_value: number;
    target_value: number | null;
    current_value: number;
    weight: number;
    confidence: number | null;
    contributes_to_id: string | null;
    progress: number;
    health: string | null;
  }[];
  alignments: { child_id: string; parent_id: string }[];
}

/** Everything of an organisation that progress and health are computed from. */
export async function loadProgressInputs(connection: Connection, orgId: string): Promise<ProgressInputs> {
  const { db } = connection;
  const [cycles, objectives, keyResults, alignments] = await Promise.all([
    db.selectFrom('cycles').select(['id', 'start_date', 'end_date', 'status']).where('org_id', '=', orgId).execute(),
    db
      .selectFrom('objectives')
      .select(['id', 'cycle_id', 'include_children', 'progress', 'health'])
      .where('org_id', '=', orgId)
      .execute(),
    db
      .selectFrom('key_results')
      .select([
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
      ])
      .where('org_id', '=', orgId)
      .execute(),
    db.selectFrom('alignments').select(['child_id', 'parent_id']).where('org_id', '=', orgId).execute(),
  ]);
  return { cycles, objectives, keyResults, alignments };
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
    const updateObjective = sqlite.prepare('UPDATE objectives SET progress = ?, health = ? WHERE id = ?');
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

/** What refreshing part of the tree needs: the objectives, their ancestors, and around them. */
export interface RefreshInputs {
  cycles: { id: string; start_date: string; end_date: string }[];
  objectives: ProgressInputs['objectives'];
  keyResults: ProgressInputs['keyResults'];
  alignments: { child_id: string; parent_id: string }[];
  /** Direct children of the refreshed objectives that are not refreshed themselves. */
  frozen: { id: string; progress: number; health: string | null }[];
}

/**
 * Loads `objectiveIds`, all their ancestors (a recursive walk up the alignment DAG through the
 * primary key child_id → parent_id), their key results and key results contributing to them,
 * and the stored progress of their other children.
 */
export async function loadRefreshInputs(db: Db, orgId: string, objectiveIds: string[]): Promise<RefreshInputs> {
  if (objectiveIds.length === 0) return { cycles: [], objectives: [], keyResults: [], alignments: [], frozen: [] };
  // The objectives and all their ancestors, with their cycles' dates, in one query.
  const rows = await db
    .withRecursive('up(id)', (qb) =>
      qb
        .selectFrom('objectives')
        .select('id')
        .where('org_id', '=', orgId)
        .where('id', 'in', objectiveIds)
        .union((qb2) => qb2.selectFrom('up').innerJoin('alignments as a', 'a.child_id', 'up.id').select('a.parent_id as id')),
    )
    .selectFrom('objectives as o')
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .select(['o.id', 'o.cycle_id', 'o.include_children', 'o.progress', 'o.health', 'c.start_date', 'c.end_date'])
    .where('o.org_id', '=', orgId)
    .where('o.id', 'in', (eb) => eb.selectFrom('up').select('up.id'))
    .execute();
  const ids = rows.map((r) => r.id);
  const objectives = rows.map(({ id, cycle_id, include_children, progress, health }) => ({ id, cycle_id, include_children, progress, health }));
  const cycleDates = new Map(rows.map((r) => [r.cycle_id, { id: r.cycle_id, start_date: r.start_date, end_date: r.end_date }]));
  const cycles = [...cycleDates.values()];
  if (ids.length === 0) return { cycles: [], objectives: [], keyResults: [], alignments: [], frozen: [] };
  const [keyResults, alignments] = await Promise.all([
    db
      .selectFrom('key_results')
      .select([
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
      ])
      .where('org_id', '=', orgId)
      .where((eb) => eb.or([eb('objective_id', 'in', ids), eb('contributes_to_id', 'in', ids)]))
      .execute(),
    db.selectFrom('alignments').select(['child_id', 'parent_id']).where('parent_id', 'in', ids).execute(),
  ]);
  const inside = new Set(ids);
  const outsideChildren = [...new Set(alignments.map((a) => a.child_id).filter((id) => !inside.has(id)))];
  const frozen =
    outsideChildren.length === 0
      ? []
      : await db.selectFrom('objectives').select(['id', 'progress', 'health']).where('id', 'in', outsideChildren).execute();
  // Key results contributing to a refreshed objective but belonging to another one are only
  // read for the roll-up; they are not refreshed themselves.
  return { cycles, objectives, keyResults, alignments, frozen };
}

/** Writes derived progress and health inside the caller's transaction (small sets). */
export async function saveProgressIn(db: Db, keyResults: ProgressUpdate[], objectives: ProgressUpdate[]): Promise<void> {
  for (const u of keyResults) {
    await db.updateTable('key_results').set({ progress: u.progress, health: u.health }).where('id', '=', u.id).execute();
  }
  for (const u of objectives) {
    await db.updateTable('objectives').set({ progress: u.progress, health: u.health }).where('id', '=', u.id).execute();
  }
}
