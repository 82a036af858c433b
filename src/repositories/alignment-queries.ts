/**
 * Walking the alignment graph in SQL: every objective below an objective (descendants) or above it
 * (ancestors), in one `WITH RECURSIVE` query each.
 *
 * Two details keep these linear in the size of the answer (see docs/benchmarks.md):
 * - The recursive step starts from the row just found and looks the next edges up through an
 *   index: `alignments_parent (parent_id, child_id)` going down, the primary key
 *   `(child_id, parent_id)` going up. `CROSS JOIN` pins that order in SQLite, whose planner
 *   otherwise may scan `alignments` for every row of the walk (measured quadratic: 5 s at 10,000
 *   objectives, 456 s at 100,000, against about 0.1 s this way). PostgreSQL plans it the same way
 *   either spelling.
 * - `UNION`, not `UNION ALL`: an objective reached along several paths of the DAG (several
 *   parents) is walked once, and a loop, should one ever be stored, ends instead of recursing
 *   forever.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The ids of every objective aligned, directly or through others, to `rootId` (not `rootId` itself). */
export function descendantsQuery(db: Kysely<Database>, rootId: string) {
  return db
    .withRecursive('descendants(id)', (qb) =>
      qb
        .selectFrom('alignments')
        .select('alignments.child_id as id')
        .where('alignments.parent_id', '=', rootId)
        .union((eb) =>
          eb
            .selectFrom('descendants')
            .crossJoin('alignments')
            .select('alignments.child_id as id')
            .whereRef('alignments.parent_id', '=', 'descendants.id'),
        ),
    )
    .selectFrom('descendants')
    .select('descendants.id')
    .where('descendants.id', '!=', rootId);
}

/** The ids of every objective that `id` aligns to, directly or through others (not `id` itself). */
export function ancestorsQuery(db: Kysely<Database>, id: string) {
  return db
    .withRecursive('ancestors(id)', (qb) =>
      qb
        .selectFrom('alignments')
        .select('alignments.parent_id as id')
        .where('alignments.child_id', '=', id)
        .union((eb) =>
          eb
            .selectFrom('ancestors')
            .crossJoin('alignments')
            .select('alignments.parent_id as id')
            .whereRef('alignments.child_id', '=', 'ancestors.id'),
        ),
    )
    .selectFrom('ancestors')
    .select('ancestors.id')
    .where('ancestors.id', '!=', id);
}

/**
 * Ids of all objectives below `rootId` in the alignment graph, each once, in no particular order.
 * Linear in the number of descendants and their edges.
 */
export async function descendantIds(db: Kysely<Database>, rootId: string): Promise<string[]> {
  const rows = await descendantsQuery(db, rootId).execute();
  return rows.map((row) => row.id);
}

/**
 * Ids of all objectives above `id` in the alignment graph (its parents, their parents...), each
 * once, in no particular order.
 */
export async function ancestorIds(db: Kysely<Database>, id: string): Promise<string[]> {
  const rows = await ancestorsQuery(db, id).execute();
  return rows.map((row) => row.id);
}
