/** Members of one organisation with their roles and teams, and organisation-wide write guards. */
import { sql } from 'kysely';
import type { OrgRole } from '../contracts/model.ts';
import type { Db } from '../services/context.ts';
import { memberRoleRow } from './rows.ts';

export interface MemberRecord {
  userId: string;
  name: string;
  email: string;
  title: string | null;
  joinedAt: string;
  version: number;
  roles: OrgRole[];
  teams: { id: string; name: string; isLead: boolean }[];
}

export interface MemberFilter {
  text?: string | undefined;
  role?: OrgRole | undefined;
  teamId?: string | undefined;
  after?: string | undefined;
  limit: number;
}

/** `%text%` for LIKE, with the wildcards of `text` itself taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function membersQuery(db: Db, orgId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'm.user_id as userId',
      'u.name',
      'u.email',
      'm.title',
      'm.created_at as joinedAt',
      'm.version',
    ])
    .where('m.org_id', '=', orgId);
}

async function withRolesAndTeams(
  db: Db,
  orgId: string,
  rows: Omit<MemberRecord, 'roles' | 'teams'>[],
): Promise<MemberRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.userId);
  const [roles, teams] = await Promise.all([
    db
      .selectFrom('member_roles')
      .select(['user_id', 'role'])
      .where('org_id', '=', orgId)
      .where('user_id', 'in', ids)
      .orderBy('role')
      .execute(),
    db
      .selectFrom('team_members as tm')
      .innerJoin('teams as t', 't.id', 'tm.team_id')
      .select(['tm.user_id', 't.id', 't.name', 'tm.is_lead'])
      .where('tm.org_id', '=', orgId)
      .where('tm.user_id', 'in', ids)
      .orderBy('t.name')
      .execute(),
  ]);
  return rows.map((row) => ({
    ...row,
    roles: roles.filter((r) => r.user_id === row.userId).map((r) => r.role as OrgRole),
    teams: teams
      .filter((t) => t.user_id === row.userId)
      .map((t) => ({ id: t.id, name: t.name, isLead: t.is_lead === 1 })),
  }));
}

/** Up to `limit + 1` members in user-id order after `after`, so the caller knows whether more follow. */
export async function listMemberRecords(
  db: Db,
  orgId: string,
  filter: MemberFilter,
): Promise<MemberRecord[]> {
  let query = membersQuery(db, orgId);
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    query = query.where(
      sql<boolean>`(lower(u.name) like ${pattern} escape '\\' or u.email like ${pattern} escape '\\')`,
    );
  }
  const { role, teamId, after } = filter;
  if (role) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_roles as r')
          .select('r.role')
          .whereRef('r.org_id', '=', 'm.org_id')
          .whereRef('r.user_id', '=', 'm.user_id')
          .where('r.role', '=', role),
      ),
    );
  }
  if (teamId) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_members as tm')
          .select('tm.user_id')
          .whereRef('tm.user_id', '=', 'm.user_id')
          .where('tm.team_id', '=', teamId)
          .where('tm.org_id', '=', orgId),
      ),
    );
  }
  if (after) query = query.where('m.user_id', '>', after);
  const rows = await query
    .orderBy('m.user_id')
    .limit(filter.limit + 1)
    .execute();
  return withRolesAndTeams(db, orgId, rows);
}

export async function findMemberRecord(
  db: Db,
  orgId: string,
  userId: string,
): Promise<MemberRecord | undefined> {
  const row = await membersQuery(db, orgId).where('m.user_id', '=', userId).executeTakeFirst();
  return row ? (await withRolesAndTeams(db, orgId, [row]))[0] : undefined;
}

export async function isMember(db: Db, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countAdmins(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('member_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Serialises the writes that check an organisation-wide rule (the last admin, loops in the team
 * tree or among dependencies): on PostgreSQL the no-op update locks the organisation's row until
 * the transaction ends; SQLite runs one write transaction at a time anyway.
 */
export async function lockOrganisation(db: Db, orgId: string): Promise<void> {
  await db
    .updateTable('organisations')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', orgId)
    .execute();
}

/** Sets the title and bumps the version; false when the version is no longer `expected`. */
export async function updateMembership(
  db: Db,
  orgId: string,
  userId: string,
  expected: number,
  title: string | null | undefined,
): Promise<boolean> {
  const result = await db
    .updateTable('memberships')
    .set((eb) => ({
      version: eb(eb.ref('version'), '+', 1),
      ...(title !== undefined ? { title } : {}),
    }))
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceRoles(
  db: Db,
  orgId: string,
  userId: string,
  roles: readonly OrgRole[],
): Promise<void> {
  await db
    .deleteFrom('member_roles')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  if (roles.length > 0)
    await db
      .insertInto('member_roles')
      .values(roles.map((role) => memberRoleRow(orgId, userId, role)))
      .execute();
}

/** Removes the membership, its roles and its team memberships; false when the version moved on. */
export async function deleteMembership(
  db: Db,
  orgId: string,
  userId: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('memberships')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('version', '=', expected)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) return false;
  await db
    .deleteFrom('member_roles')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  await db
    .deleteFrom('team_members')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  return true;
}
