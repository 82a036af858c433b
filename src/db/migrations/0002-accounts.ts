import type { Kysely } from 'kysely';

/**
 * Accounts: sessions, personal API tokens, invitations and the rate-limit counters. Secrets are
 * stored only as SHA-256 hashes; the clear value is shown once to its owner. Counters live in
 * the database so that several server instances share them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .addColumn('user_agent', text)
    .addColumn('ip', text)
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('prefix', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text)
    .addColumn('last_used_at', text)
    .addColumn('revoked_at', text)
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('email', text, (c) => c.notNull())
    .addColumn('name', text)
    .addColumn('roles', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('team_id', text, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('invited_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('accepted_at', text)
    .addColumn('revoked_at', text)
    .execute();
  await db.schema.createIndex('invitations_org').on('invitations').columns(['org_id', 'email']).execute();

  // Fixed-window counters keyed by purpose and subject, e.g. 'login:ip:127.0.0.1'.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('window_start', text, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Reverting migrations is not supported; restore a backup instead.'));
}
