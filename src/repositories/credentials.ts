/** Sessions and personal API tokens, looked up by the hash of the secret the client presents. */
import type { Connection } from '../db/connection.ts';

export interface SessionRecord {
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: string;
  last_seen_at: string;
}

/** A live session (not revoked, not expired at `nowIso`) with this token hash. */
export async function findLiveSession(connection: Connection, tokenHash: string, nowIso: string): Promise<SessionRecord | undefined> {
  return connection.db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'csrf_token', 'expires_at', 'last_seen_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
}

export async function touchSession(connection: Connection, id: string, nowIso: string): Promise<void> {
  await connection.db.updateTable('sessions').set({ last_seen_at: nowIso }).where('id', '=', id).execute();
}

export interface TokenRecord {
  id: string;
  user_id: string;
  last_used_at: string | null;
}

/** A live API token (not revoked, not expired) with this hash. */
export async function findLiveToken(connection: Connection, tokenHash: string, nowIso: string): Promise<TokenRecord | undefined> {
  return connection.db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso)]))
    .executeTakeFirst();
}

export async function touchToken(connection: Connection, id: string, nowIso: string): Promise<void> {
  await connection.db.updateTable('api_tokens').set({ last_used_at: nowIso }).where('id', '=', id).execute();
}
