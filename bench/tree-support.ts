/** Helpers of the alignment-walk benchmark: picking the walks, the bad join order, query plans. */
import type { CompiledQuery, Kysely } from 'kysely';
import type { Connection } from '../src/db/connection.ts';
import type { Database } from '../src/db/schema.ts';

function walk(start: string, next: Map<string, string[]>): number {
  const seen = new Set<string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const n of next.get(queue[i] as string) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen.size;
}

/** The company objective with the most descendants and the objective with the most ancestors. */
export async function deepestLeafAndLargestRoot(db: Kysely<Database>, orgId: string) {
  const edges = await db
    .selectFrom('alignments')
    .select(['child_id', 'parent_id'])
    .where('org_id', '=', orgId)
    .execute();
  const down = new Map<string, string[]>();
  const up = new Map<string, string[]>();
  for (const e of edges) {
    down.set(e.parent_id, [...(down.get(e.parent_id) ?? []), e.child_id]);
    up.set(e.child_id, [...(up.get(e.child_id) ?? []), e.parent_id]);
  }
  const companyIds = (
    await db
      .selectFrom('objectives')
      .select('id')
      .where('org_id', '=', orgId)
      .where('level', '=', 'company')
      .execute()
  ).map((o) => o.id);
  let root = '';
  let rootDescendants = -1;
  for (const id of companyIds) {
    const n = walk(id, down);
    if (n > rootDescendants) [root, rootDescendants] = [id, n];
  }
  const leaves = await db
    .selectFrom('objectives')
    .select('id')
    .where('org_id', '=', orgId)
    .where('level', '=', 'individual')
    .execute();
  let leaf = '';
  let leafAncestors = -1;
  for (const { id } of leaves) {
    const n = walk(id, up);
    if (n > leafAncestors) [leaf, leafAncestors] = [id, n];
  }
  return { root, rootDescendants, leaf, leafAncestors, companyIds };
}

/** The descendant walk with the join the wrong way round: every step scans all alignments. */
export function badOrderDescendants(connection: Connection, rootId: string): number {
  const sqlite = connection.sqlite;
  if (!sqlite) throw new Error('SQLite only');
  const row = sqlite
    .prepare(
      `WITH RECURSIVE d(id) AS (
         SELECT child_id FROM alignments WHERE parent_id = ?
         UNION SELECT a.child_id FROM alignments a CROSS JOIN d WHERE a.parent_id = d.id)
       SELECT count(*) AS n FROM d`,
    )
    .get(rootId) as { n: number };
  return row.n;
}

/** SQLite's EXPLAIN QUERY PLAN of a compiled query, as the indented tree the sqlite3 shell prints. */
export function explainSqlite(
  connection: Connection,
  query: CompiledQuery,
): { sql: string; plan: string } {
  const sqlite = connection.sqlite;
  if (!sqlite) throw new Error('SQLite only');
  const rows = sqlite
    .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .all(...(query.parameters as unknown[])) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, 0]]);
  const lines = rows.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d - 1)}${r.detail}`;
  });
  return { sql: query.sql, plan: lines.join('\n') };
}
