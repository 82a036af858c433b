/** What the weekly digest reads: people to write to, their key results, the week's check-ins. */
import type { Db } from '../services/context.ts';

export async function membersWithEmail(db: Db, orgId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('m.org_id', '=', orgId)
    .orderBy('u.id')
    .execute();
}

/** People who turned the digest off. */
export async function digestOptOuts(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('notification_settings')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('kind', '=', 'digest')
    .where('email', '=', 0)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

/** Key results of active objectives in active cycles, with whose they are. */
export async function activeKeyResults(db: Db, orgId: string) {
  return db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .select([
      'kr.id',
      'kr.title',
      'kr.progress',
      'kr.owner_id as kr_owner_id',
      'o.id as objective_id',
      'o.title as objective_title',
      'o.owner_id as objective_owner_id',
      'o.team_id',
    ])
    .where('kr.org_id', '=', orgId)
    .where('c.status', '=', 'active')
    .where('o.status', '=', 'active')
    .orderBy('o.title')
    .orderBy('kr.position')
    .execute();
}

/** Check-ins since `since` with their key result and objective. */
export async function checkInsSince(db: Db, orgId: string, since: string) {
  return db
    .selectFrom('check_ins as ci')
    .innerJoin('key_results as kr', 'kr.id', 'ci.key_result_id')
    .leftJoin('users as u', 'u.id', 'ci.author_id')
    .select([
      'ci.value',
      'ci.created_at',
      'kr.title as kr_title',
      'kr.unit',
      'kr.objective_id',
      'u.name as author_name',
    ])
    .where('ci.org_id', '=', orgId)
    .where('ci.created_at', '>=', since)
    .orderBy('ci.created_at')
    .execute();
}

/** Objectives each person commented on (on the objective or one of its key results). */
export async function commentedObjectives(
  db: Db,
  orgId: string,
): Promise<Map<string, Set<string>>> {
  const rows = await db
    .selectFrom('comments as cm')
    .leftJoin('key_results as kr', 'kr.id', 'cm.key_result_id')
    .select(['cm.author_id', 'cm.objective_id', 'kr.objective_id as kr_objective_id'])
    .where('cm.org_id', '=', orgId)
    .execute();
  const byPerson = new Map<string, Set<string>>();
  for (const row of rows) {
    const objectiveId = row.objective_id ?? row.kr_objective_id;
    if (!row.author_id || !objectiveId) continue;
    const set = byPerson.get(row.author_id) ?? new Set<string>();
    set.add(objectiveId);
    byPerson.set(row.author_id, set);
  }
  return byPerson;
}

/** Claims this week's digest for a person; false when it was already sent (or tried). */
export async function claimDigest(
  db: Db,
  orgId: string,
  userId: string,
  week: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto('digests_sent')
    .values({ org_id: orgId, user_id: userId, week, sent_at: at, status: 'sending', error: null })
    .onConflict((oc) => oc.columns(['org_id', 'user_id', 'week']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function settleDigest(
  db: Db,
  orgId: string,
  userId: string,
  week: string,
  status: string,
  error: string | null,
) {
  await db
    .updateTable('digests_sent')
    .set({ status, error })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('week', '=', week)
    .execute();
}
