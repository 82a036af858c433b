/** Cadence settings of teams, the key results the nudge job looks at, and the nudges sent. */
import type { Insertable } from 'kysely';
import type { CheckInNudgeTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export async function organisationsWithSettings(db: Db) {
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'settings'])
    .orderBy('id')
    .execute();
}

export async function teamCadences(db: Db, orgId: string) {
  return db.selectFrom('team_cadences').selectAll().where('org_id', '=', orgId).execute();
}

export async function findTeamCadence(db: Db, orgId: string, teamId: string) {
  return db
    .selectFrom('team_cadences')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
}

export async function saveTeamCadence(
  db: Db,
  row: {
    team_id: string;
    org_id: string;
    check_in_cadence_days: number;
    check_in_weekday: number;
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('team_cadences')
    .values(row)
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet((eb) => ({
        check_in_cadence_days: row.check_in_cadence_days,
        check_in_weekday: row.check_in_weekday,
        updated_at: row.updated_at,
        version: eb('team_cadences.version', '+', 1),
      })),
    )
    .execute();
}

export async function deleteTeamCadence(db: Db, orgId: string, teamId: string): Promise<void> {
  await db
    .deleteFrom('team_cadences')
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .execute();
}

/** Key results that expect check-ins: of active objectives in active cycles, not yet complete. */
export async function keyResultsExpectingCheckIns(db: Db, orgId: string) {
  return db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .select([
      'kr.id',
      'kr.title',
      'kr.owner_id as kr_owner_id',
      'kr.created_at',
      'kr.last_check_in_at',
      'kr.progress',
      'o.id as objective_id',
      'o.title as objective_title',
      'o.owner_id as objective_owner_id',
      'o.team_id',
    ])
    .where('kr.org_id', '=', orgId)
    .where('c.status', '=', 'active')
    .where('o.status', '=', 'active')
    .where('kr.progress', '<', 1)
    .orderBy('kr.id')
    .execute();
}

export async function teamMembersOf(db: Db, orgId: string) {
  return db
    .selectFrom('team_members')
    .select(['team_id', 'user_id', 'is_lead'])
    .where('org_id', '=', orgId)
    .execute();
}

export async function memberRolesOf(db: Db, orgId: string) {
  return db
    .selectFrom('member_roles')
    .select(['user_id', 'role'])
    .where('org_id', '=', orgId)
    .execute();
}

export async function namesOf(db: Db, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', 'in', userIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Remembers a nudge; false when it was already sent (so it is sent once). */
export async function recordNudge(db: Db, row: Insertable<CheckInNudgeTable>): Promise<boolean> {
  const result = await db
    .insertInto('check_in_nudges')
    .values(row)
    .onConflict((oc) => oc.columns(['key_result_id', 'level', 'period']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
