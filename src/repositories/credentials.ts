/**
 * Sessions and personal API tokens, looked up by the hash of the secret the client presents.
 * Lookups go through the read cache: revoking, creating or touching one is a write to its table,
 * so a cached answer is never served after it changed — and check-ins elsewhere do not drop it; expiry is checked against the clock on every call.
 */
import type { Connection } from '../db/connection.ts';
import { readThrough } from '../db/read-cache.ts';

const CREDENTIAL_WEIGHT = 300;
/** What the lookups read: only writes to these (or cascades into them) drop a cached answer. */
const SESSION_TABLES = ['sessions'] as const;
const TOKEN_TABLES = ['api_tokens'] as const;

export interface SessionRecord {
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: string;
  last_seen_at: string;
}

/** A live session (not revoked, not expired at `nowIso`) with this token hash. */
export async function findLiveSession(
  connection: Connection,
  tokenHash: string,
  nowIso: string,
): Promise<SessionRecord | undefined> {
  const session = await readThrough(
    connection,
    `session ${tokenHash}`,
    async () =>
      (await connection.db
        .selectFrom('sessions')
        .select(['id', 'user_id', 'csrf_token', 'expires_at', 'last_seen_at'])
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()) ?? null,
    () => CREDENTIAL_WEIGHT,
    SESSION_TABLES,
  );
  return session && session.expires_at > nowIso ? session : undefined;
}

export async function touchSession(
  connection: Connection,
  id: string,
  nowIso: string,
): Promise<void> {
  await connection.db
    .updateTable('sessions')
    .set({ last_seen_at: nowIso })
    .where('id', '=', id)
    .execute();
}

export interface TokenRecord {
  id: string;
  user_id: string;
  last_used_at: string | null;
}

/** A live API token (not revoked, not expired) with this hash. */
export async function findLiveToken(
  connection: Connection,
  tokenHash: string,
  nowIso: string,
): Promise<TokenRecord | undefined> {
  const token = await readThrough(
    connection,
    `token ${tokenHash}`,
    async () =>
      (await connection.db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'last_used_at', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()) ?? null,
    () => CREDENTIAL_WEIGHT,
    TOKEN_TABLES,
  );
  if (!token || (token.expires_at !== null && token.expires_at <= nowIso)) return undefined;
  return { id: token.id, user_id: token.user_id, last_used_at: token.last_used_at };
}

export async function touchToken(
  connection: Connection,
  id: string,
  nowIso: string,
): Promise<void> {
  await connection.db
    .updateTable('api_tokens')
    .set({ last_used_at: nowIso })
    .where('id', '=', id)
    .execute();
}
