/**
 * Reading what progress depends on and writing the derived progress and health back. Stored
 * progress is a cache of the domain rules over the stored values; `recomputeOrganisation`
 * rebuilds it from scratch.
 */
import type { Connection } from '../db/connection.ts';

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
