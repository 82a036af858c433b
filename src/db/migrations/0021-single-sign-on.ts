import type { Kysely } from 'kysely';

/**
 * Single sign-on with OpenID Connect, per organisation (issue 8, part 3):
 * - `sso_configs`: one per organisation — the provider (issuer, client id and secret), the e-mail
 *   domains whose people may be provisioned, the role they get, and whether password sign-in is
 *   refused for members who are not admins (`require_sso`);
 * - `sso_identities`: who a provider's subject is, per organisation (issuer + subject → user), so a
 *   later change of e-mail at the provider still finds the same person;
 * - `sso_logins`: sign-ins on their way through the provider (state, nonce, PKCE verifier, where
 *   to return). In the database so that any instance behind a load balancer can finish what
 *   another began; single-use (`consumed_at`) and short-lived (`expires_at`); tied to the browser
 *   that started it (`browser_hash`: the hash of a cookie set at the start).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('sso_configs')
    .addColumn('org_id', text, (c) =>
      c.primaryKey().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('issuer', text, (c) => c.notNull())
    .addColumn('client_id', text, (c) => c.notNull())
    .addColumn('client_secret', text)
    .addColumn('allowed_domains', text, (c) => c.notNull())
    .addColumn('provisioned_role', text, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('require_sso', 'integer', (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('sso_identities')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('issuer', text, (c) => c.notNull())
    .addColumn('subject', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_sign_in_at', text, (c) => c.notNull())
    .addUniqueConstraint('sso_identities_subject', ['org_id', 'issuer', 'subject'])
    .execute();
  await db.schema
    .createIndex('sso_identities_user')
    .on('sso_identities')
    .columns(['user_id'])
    .execute();
  await db.schema
    .createTable('sso_logins')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('state_hash', text, (c) => c.notNull().unique())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('browser_hash', text, (c) => c.notNull())
    .addColumn('nonce', text, (c) => c.notNull())
    .addColumn('code_verifier', text, (c) => c.notNull())
    .addColumn('redirect_uri', text, (c) => c.notNull())
    .addColumn('return_to', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('consumed_at', text)
    .execute();
  await db.schema
    .createIndex('sso_logins_expiry')
    .on('sso_logins')
    .columns(['expires_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sso_logins').execute();
  await db.schema.dropTable('sso_identities').execute();
  await db.schema.dropTable('sso_configs').execute();
}
