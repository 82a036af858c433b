/**
 * The weekly team review: the reviews marked so far, the key results a team reviews in a cycle,
 * and the check-ins they are judged on. Every query is scoped to one organisation.
 */
import type { Selectable } from 'kysely';
import type { KeyResultTable, TeamReviewTable } from '../db/schema.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { readableBy } from './objectives.ts';

export type TeamReviewRow = Selectable<TeamReviewTable> & { reviewer_name: string | null };

/** The team's last "mark reviewed", with the reviewer's name; undefined before the first. */
export async function latestTeamReview(
  db: Db,
  orgId: string,
  teamId: string,
): Promise<TeamReviewRow | undefined> {
  return db
    .selectFrom('team_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.reviewed_by')
    .selectAll('r')
    .select('u.name as reviewer_name')
    .where('r.org_id', '=', orgId)
    .where('r.team_id', '=', teamId)
    .orderBy('r.reviewed_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertTeamReview(db: Db, row: Selectable<TeamReviewTable>): Promise<void> {
  await db.insertInto('team_reviews').values(row).execute();
}

export type ReviewedKeyResultRow = Selectable<KeyResultTable> & {
  objective_title: string;
  owner_name: string | null;
};

/**
 * The key results a team reviews in a cycle, under objectives the scope may read: those of the
 * team's objectives, of shared objectives it contributes to, and those owned by its members.
 * In objective, position, id order.
 */
export async function teamReviewKeyResults(
  db: Db,
  scope: ListScope,
  cycleId: string,
  teamId: string,
): Promise<ReviewedKeyResultRow[]> {
  return db
    .selectFrom('key_results as k')
    .innerJoin('objectives as o', 'o.id', 'k.objective_id')
    .leftJoin('users as u', 'u.id', 'k.owner_id')
    .selectAll('k')
    .select(['o.title as objective_title', 'u.name as owner_name'])
    .where('k.org_id', '=', scope.orgId)
    .where('o.org_id', '=', scope.orgId)
    .where('o.cycle_id', '=', cycleId)
    .where(readableBy(scope))
    .where((eb) =>
      eb.or([
        eb('o.team_id', '=', teamId),
        eb.exists(
          eb
            .selectFrom('objective_teams as ot')
            .select('ot.team_id')
            .whereRef('ot.objective_id', '=', 'o.id')
            .where('ot.team_id', '=', teamId),
        ),
        eb.exists(
          eb
            .selectFrom('team_members as tm')
            .select('tm.user_id')
            .whereRef('tm.user_id', '=', 'k.owner_id')
            .where('tm.team_id', '=', teamId)
            .where('tm.org_id', '=', scope.orgId),
        ),
      ]),
    )
    .orderBy('o.id')
    .orderBy('k.position')
    .orderBy('k.id')
    .execute();
}

export interface CheckInPoint {
  id: string;
  key_result_id: string;
  value: number;
  confidence: number | null;
  note: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: string;
}

const CHUNK = 500;

/** Every check-in of these key results, oldest first per key result (time, then id). */
export async function checkInPoints(
  db: Db,
  orgId: string,
  keyResultIds: readonly string[],
): Promise<Map<string, CheckInPoint[]>> {
  const byKeyResult = new Map<string, CheckInPoint[]>();
  for (let i = 0; i < keyResultIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('check_ins as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .select([
        'c.id',
        'c.key_result_id',
        'c.value',
        'c.confidence',
        'c.note',
        'c.author_id',
        'u.name as author_name',
        'c.created_at',
      ])
      .where('c.org_id', '=', orgId)
      .where('c.key_result_id', 'in', keyResultIds.slice(i, i + CHUNK))
      .orderBy('c.key_result_id')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    for (const row of rows) {
      const list = byKeyResult.get(row.key_result_id);
      if (list) list.push(row);
      else byKeyResult.set(row.key_result_id, [row]);
    }
  }
  return byKeyResult;
}
