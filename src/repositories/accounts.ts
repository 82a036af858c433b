/**
 * Accounts: users with their password hashes, sessions, personal API tokens, invitations and
 * the memberships an accepted invitation grants. Secrets arrive here only as hashes.
 */
import type { Insertable } from 'kysely';
import type { OrgRole } from '../contracts/model.ts';
import type { ApiTokenTable, InvitationTable, SessionTable, UserTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';
import { memberRoleRow, membershipRow, teamMemberRow } from './rows.ts';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
}

const USER_COLUMNS = ['id', 'email', 'name', 'password_hash'] as const;

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, version: eb('version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

// ---- sessions ------------------------------------------------------------------------------

export async function insertSession(db: Db, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The user's sessions that are neither revoked nor expired, newest first. */
export async function listLiveSessions(db: Db, userId: string, nowIso: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'expires_at', 'last_seen_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one live session of the user; false when there is none with that id. */
export async function revokeSession(db: Db, userId: string, sessionId: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every live session of the user except `keepId`; returns how many. */
export async function revokeOtherSessions(db: Db, userId: string, keepId: string | null, nowIso: string): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso);
  if (keepId) query = query.where('id', '!=', keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- personal API tokens -------------------------------------------------------------------

export async function insertToken(db: Db, row: ApiTokenTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** The user's tokens that are not revoked (expired ones included, so they can be tidied up). */
export async function listTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of the user's tokens; false when the user has no unrevoked token with that id. */
export async function revokeToken(db: Db, userId: string, tokenId: string, nowIso: string) {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- invitations ---------------------------------------------------------------------------

export type InvitationRecord = Pick<
  InvitationTable,
  'id' | 'org_id' | 'email' | 'name' | 'roles' | 'team_id' | 'invited_by' | 'created_at' | 'expires_at'
>;
const INVITATION_COLUMNS = ['id', 'org_id', 'email', 'name', 'roles', 'team_id', 'invited_by', 'created_at', 'expires_at'] as const;

export async function insertInvitation(db: Db, row: InvitationTable): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

/** A pending invitation (not accepted, not revoked, not expired) with this token hash. */
export async function findPendingInvitation(db: Db, tokenHash: string, nowIso: string): Promise<InvitationRecord | undefined> {
  return db
    .selectFrom('invitations')
    .select(INVITATION_COLUMNS)
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
}

export async function listPendingInvitations(db: Db, orgId: string, nowIso: string): Promise<InvitationRecord[]> {
  return db
    .selectFrom('invitations')
    .select(INVITATION_COLUMNS)
    .where('org_id', '=', orgId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Revokes pending invitations of the organisation: one by id, or all for an e-mail address (a
 * new invitation replaces older ones). Returns how many.
 */
export async function revokeInvitations(db: Db, orgId: string, which: { id: string } | { email: string }, nowIso: string): Promise<number> {
  let query = db
    .updateTable('invitations')
    .set({ revoked_at: nowIso })
    .where('org_id', '=', orgId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso);
  query = 'id' in which ? query.where('id', '=', which.id) : query.where('email', '=', which.email);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks a pending invitation accepted; false when someone else used (or revoked) it first. */
export async function claimInvitation(db: Db, id: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: nowIso })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- memberships ---------------------------------------------------------------------------

export async function isMember(db: Db, orgId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('memberships').select('user_id').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export async function teamExists(db: Db, orgId: string, teamId: string): Promise<boolean> {
  const row = await db.selectFrom('teams').select('id').where('org_id', '=', orgId).where('id', '=', teamId).executeTakeFirst();
  return row !== undefined;
}

/** Makes the user a member with these roles and team; what they already have stays as it is. */
export async function grantMembership(
  db: Db,
  grant: { orgId: string; userId: string; roles: readonly OrgRole[]; teamId: string | null; createdAt: string },
): Promise<void> {
  const { orgId, userId } = grant;
  await db
    .insertInto('memberships')
    .values(membershipRow({ orgId, userId, createdAt: grant.createdAt }))
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const role of grant.roles) {
    await db.insertInto('member_roles').values(memberRoleRow(orgId, userId, role)).onConflict((oc) => oc.doNothing()).execute();
  }
  if (grant.teamId) {
    await db.insertInto('team_members').values(teamMemberRow(orgId, grant.teamId, userId, false)).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** Every organisation the user belongs to, with their roles and teams there. */
export async function listMembershipsOf(db: Db, userId: string) {
  const [organisations, roles, teams] = await Promise.all([
    db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.org_id')
      .select(['o.id', 'o.slug', 'o.name'])
      .where('m.user_id', '=', userId)
      .orderBy('o.name')
      .orderBy('o.id')
      .execute(),
    db.selectFrom('member_roles').select(['org_id', 'role']).where('user_id', '=', userId).orderBy('role').execute(),
    db
      .selectFrom('team_members as tm')
      .innerJoin('teams as t', 't.id', 'tm.team_id')
      .select(['tm.org_id', 't.id', 't.name', 'tm.is_lead'])
      .where('tm.user_id', '=', userId)
      .orderBy('t.name')
      .execute(),
  ]);
  return { organisations, roles, teams };
}
