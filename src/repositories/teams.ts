/** Teams of one organisation: the hierarchy, member counts and who is in (and leads) each. */
import { sql, type Insertable } from 'kysely';
import type { TeamTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';
import { teamMemberRow } from './rows.ts';

export interface TeamRecord {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: string;
  version: number;
  memberCount: number;
}

function teamsQuery(db: Db, orgId: string) {
  return db
    .selectFrom('teams as t')
    .select((eb) => [
      't.id',
      't.name',
      't.parent_id as parentId',
      't.created_at as createdAt',
      't.version',
      eb
        .selectFrom('team_members as tm')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('tm.team_id', '=', 't.id')
        .as('memberCount'),
    ])
    .where('t.org_id', '=', orgId);
}

function asTeamRecord(
  row: Omit<TeamRecord, 'memberCount'> & { memberCount: number | null },
): TeamRecord {
  return { ...row, memberCount: Number(row.memberCount ?? 0) };
}

/** Teams in creation order after `after`; `limit + 1` of them when a limit is given. */
export async function listTeamRecords(
  db: Db,
  orgId: string,
  page: { after?: string | undefined; limit?: number } = {},
): Promise<TeamRecord[]> {
  let query = teamsQuery(db, orgId).orderBy('t.id');
  if (page.after) query = query.where('t.id', '>', page.after);
  if (page.limit !== undefined) query = query.limit(page.limit + 1);
  return (await query.execute()).map(asTeamRecord);
}

export async function findTeamRecord(
  db: Db,
  orgId: string,
  id: string,
): Promise<TeamRecord | undefined> {
  const row = await teamsQuery(db, orgId).where('t.id', '=', id).executeTakeFirst();
  return row ? asTeamRecord(row) : undefined;
}

export async function teamMemberList(
  db: Db,
  orgId: string,
  teamId: string,
): Promise<{ id: string; name: string; email: string; isLead: boolean }[]> {
  const rows = await db
    .selectFrom('team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select(['u.id', 'u.name', 'u.email', 'tm.is_lead'])
    .where('tm.org_id', '=', orgId)
    .where('tm.team_id', '=', teamId)
    .orderBy('tm.is_lead', 'desc')
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, isLead: r.is_lead === 1 }));
}

export async function teamNameTaken(
  db: Db,
  orgId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('teams')
    .select('id')
    .where('org_id', '=', orgId)
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Every team's name and parent, for walking the hierarchy. */
export async function teamParents(
  db: Db,
  orgId: string,
): Promise<Map<string, { name: string; parentId: string | null }>> {
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'name', 'parent_id'])
    .where('org_id', '=', orgId)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, parentId: r.parent_id }]));
}

export async function insertTeam(db: Db, row: Insertable<TeamTable>): Promise<void> {
  await db.insertInto('teams').values(row).execute();
}

/** Applies the changes and bumps the version; false when the version is no longer `expected`. */
export async function updateTeam(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  changes: { name?: string; parent_id?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('teams')
    .set((eb) => ({ ...changes, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Moves the version on after a change to the team's members. */
export async function bumpTeamVersion(db: Db, orgId: string, id: string): Promise<void> {
  await db
    .updateTable('teams')
    .set((eb) => ({ version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTeam(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('teams')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** What still hangs on a team: sub-teams and objectives it owns or contributes to. */
export async function teamUsage(
  db: Db,
  orgId: string,
  id: string,
): Promise<{ subTeams: number; objectives: number }> {
  const [subTeams, owned, contributed] = await Promise.all([
    db
      .selectFrom('teams')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .where('parent_id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('objectives')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .where('team_id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('objective_teams')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .where('team_id', '=', id)
      .executeTakeFirst(),
  ]);
  return {
    subTeams: Number(subTeams?.n ?? 0),
    objectives: Number(owned?.n ?? 0) + Number(contributed?.n ?? 0),
  };
}

export async function findTeamMembership(
  db: Db,
  orgId: string,
  teamId: string,
  userId: string,
): Promise<{ isLead: boolean } | undefined> {
  const row = await db
    .selectFrom('team_members')
    .select('is_lead')
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { isLead: row.is_lead === 1 } : undefined;
}

/** Adds the person to the team, or changes whether they lead it. */
export async function setTeamMembership(
  db: Db,
  orgId: string,
  teamId: string,
  userId: string,
  isLead: boolean,
  exists: boolean,
): Promise<void> {
  if (exists) {
    await db
      .updateTable('team_members')
      .set({ is_lead: isLead ? 1 : 0 })
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .execute();
  } else {
    await db
      .insertInto('team_members')
      .values(teamMemberRow(orgId, teamId, userId, isLead))
      .execute();
  }
}

export async function removeTeamMembership(
  db: Db,
  orgId: string,
  teamId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom('team_members')
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .execute();
}
