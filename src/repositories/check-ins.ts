/** Check-ins: appended, never changed; read newest first, a page at a time. */
import type { Selectable } from 'kysely';
import type { CheckInTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type CheckInRow = Selectable<CheckInTable>;

export async function insertCheckIn(db: Db, row: CheckInTable): Promise<void> {
  await db.insertInto('check_ins').values(row).execute();
}

/** Where the previous page ended: its last check-in's time and id. */
export interface CheckInPosition {
  createdAt: string;
  id: string;
}

/** Where the check-in `id` of the key result sits in the newest-first order; undefined when it is not one. */
export async function checkInPosition(db: Db, orgId: string, keyResultId: string, id: string): Promise<CheckInPosition | undefined> {
  const row = await db
    .selectFrom('check_ins')
    .select(['id', 'created_at'])
    .where('org_id', '=', orgId)
    .where('key_result_id', '=', keyResultId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, createdAt: row.created_at } : undefined;
}

/** Up to `limit` check-ins of the key result, newest first, after `after` when given; with the author's name. */
export async function checkInsOf(
  db: Db,
  orgId: string,
  keyResultId: string,
  limit: number,
  after?: CheckInPosition,
): Promise<(CheckInRow & { author_name: string | null })[]> {
  let query = db
    .selectFrom('check_ins as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .selectAll('c')
    .select('u.name as author_name')
    .where('c.org_id', '=', orgId)
    .where('c.key_result_id', '=', keyResultId);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('c.created_at', '<', after.createdAt), eb.and([eb('c.created_at', '=', after.createdAt), eb('c.id', '<', after.id)])]),
    );
  }
  return query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
}
