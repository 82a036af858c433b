/** Comments on objectives and key results. */
import type { Insertable, Selectable } from 'kysely';
import type { CommentTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type CommentRecord = Selectable<CommentTable> & { author_name: string | null };

function commentsQuery(db: Db, orgId: string) {
  return db
    .selectFrom('comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .selectAll('c')
    .select('u.name as author_name')
    .where('c.org_id', '=', orgId);
}

/** Comments on the objective itself or on the key result, oldest first (`limit + 1` rows). */
export async function listCommentRecords(
  db: Db,
  orgId: string,
  on: { objectiveId: string } | { keyResultId: string },
  page: { after?: string | undefined; limit: number },
): Promise<CommentRecord[]> {
  let query =
    'objectiveId' in on
      ? commentsQuery(db, orgId).where('c.objective_id', '=', on.objectiveId)
      : commentsQuery(db, orgId).where('c.key_result_id', '=', on.keyResultId);
  if (page.after) query = query.where('c.id', '>', page.after);
  return query
    .orderBy('c.id')
    .limit(page.limit + 1)
    .execute();
}

export async function findComment(
  db: Db,
  orgId: string,
  id: string,
): Promise<CommentRecord | undefined> {
  return commentsQuery(db, orgId).where('c.id', '=', id).executeTakeFirst();
}

export async function insertComment(db: Db, row: Insertable<CommentTable>): Promise<void> {
  await db.insertInto('comments').values(row).execute();
}

/** Rewrites the body and bumps the version; false when the version is no longer `expected`. */
export async function updateComment(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  body: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('comments')
    .set((eb) => ({ body, updated_at: at, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteComment(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('comments')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
