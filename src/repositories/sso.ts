/**
 * Single sign-on: organisations' OpenID Connect providers, the provider identities linked to
 * users, and sign-ins on their way through a provider.
 */
import type { Insertable, Selectable } from 'kysely';
import type { SsoConfigTable, SsoIdentityTable, SsoLoginTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type SsoConfigRow = Selectable<SsoConfigTable>;
export type SsoLoginRow = Selectable<SsoLoginTable>;
export type SsoIdentityRow = Selectable<SsoIdentityTable>;

export async function findSsoConfig(db: Db, orgId: string): Promise<SsoConfigRow | undefined> {
  return db.selectFrom('sso_configs').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function insertSsoConfig(db: Db, row: Insertable<SsoConfigTable>): Promise<void> {
  await db.insertInto('sso_configs').values(row).execute();
}

/** Changes the configuration at the expected version; false when it moved meanwhile. */
export async function updateSsoConfig(
  db: Db,
  orgId: string,
  expected: number,
  changes: Omit<Insertable<SsoConfigTable>, 'org_id' | 'created_at' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('sso_configs')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSsoConfig(db: Db, orgId: string, expected: number): Promise<boolean> {
  const result = await db
    .deleteFrom('sso_configs')
    .where('org_id', '=', orgId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Enabled configurations that provision people of this e-mail domain, with their organisation. */
export async function findEnabledSsoByDomain(db: Db, domain: string) {
  const rows = await db
    .selectFrom('sso_configs as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select(['o.id as org_id', 'o.slug', 's.allowed_domains'])
    .where('s.enabled', '=', 1)
    // Domains hold only [a-z0-9.-], so LIKE has no wildcard to fear; the JSON check below is exact.
    .where('s.allowed_domains', 'like', `%"${domain}"%`)
    .execute();
  return rows.filter((row) => (JSON.parse(row.allowed_domains) as string[]).includes(domain));
}

// ---- sign-ins on their way -------------------------------------------------------------------

export async function insertSsoLogin(db: Db, row: SsoLoginTable): Promise<void> {
  await db.insertInto('sso_logins').values(row).execute();
}

export async function findSsoLogin(db: Db, stateHash: string): Promise<SsoLoginRow | undefined> {
  return db
    .selectFrom('sso_logins')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
}

/** Marks the sign-in used; false when it was used already or has expired (a replay, a race). */
export async function consumeSsoLogin(db: Db, id: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('sso_logins')
    .set({ consumed_at: nowIso })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Forgets sign-ins that ended (or expired) before `beforeIso`. */
export async function deleteOldSsoLogins(db: Db, beforeIso: string): Promise<void> {
  await db.deleteFrom('sso_logins').where('expires_at', '<', beforeIso).execute();
}

// ---- linked identities -----------------------------------------------------------------------

export async function findSsoIdentity(
  db: Db,
  orgId: string,
  issuer: string,
  subject: string,
): Promise<SsoIdentityRow | undefined> {
  return db
    .selectFrom('sso_identities')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function insertSsoIdentity(db: Db, row: SsoIdentityTable): Promise<void> {
  await db.insertInto('sso_identities').values(row).execute();
}

export async function touchSsoIdentity(
  db: Db,
  id: string,
  email: string,
  nowIso: string,
): Promise<void> {
  await db
    .updateTable('sso_identities')
    .set({ email, last_sign_in_at: nowIso })
    .where('id', '=', id)
    .execute();
}

/** The organisations the user belongs to. */
export async function organisationIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('org_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => row.org_id);
}

/**
 * Organisations of the user whose enabled single sign-on is required, where the user is not an
 * admin (admins keep their password: the way in when the provider breaks).
 */
export async function ssoRequiredOrganisations(
  db: Db,
  userId: string,
): Promise<{ slug: string; name: string }[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('sso_configs as s', 's.org_id', 'm.org_id')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['o.slug', 'o.name'])
    .where('m.user_id', '=', userId)
    .where('s.enabled', '=', 1)
    .where('s.require_sso', '=', 1)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('member_roles as r')
            .select('r.user_id')
            .whereRef('r.org_id', '=', 'm.org_id')
            .whereRef('r.user_id', '=', 'm.user_id')
            .where('r.role', '=', 'admin'),
        ),
      ),
    )
    .orderBy('o.slug')
    .execute();
}

export async function findOrganisationBySlug(db: Db, slug: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function findOrganisationById(db: Db, id: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether the user signs in through some organisation's provider (a linked identity). */
export async function hasSsoIdentity(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('sso_identities').select('id').where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}
