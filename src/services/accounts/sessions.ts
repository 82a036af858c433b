/**
 * Browser sessions: created at sign-in (or when an invitation is accepted), listed and revoked
 * by their owner. The cookie carries a random secret; the database keeps only its hash.
 */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import type { SessionView, SignedIn, UserView } from '../../contracts/api/auth.ts';
import type { Connection } from '../../db/connection.ts';
import { insertSession, listLiveSessions, revokeSession, type UserRecord } from '../../repositories/accounts.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { inTransaction, type Db } from '../context.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import type { RateLimitCounters } from '../shared-state/shared-state.ts';

/**
 * What account use cases receive: the database, where sign-in limits are counted (the database
 * or Redis) and the time (no organisation is involved).
 */
export interface AccountContext {
  connection: Connection;
  rateLimits: RateLimitCounters;
  now: Date;
}

/** Where a request came from, kept with a session so its owner can recognise it. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

/** How the caller is signed in (see src/http/auth.ts). */
export interface Caller {
  userId: string;
  sessionId?: string;
}

export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** A new session: the secret for the cookie (never stored) and what the client is told. */
export interface NewSession {
  cookieValue: string;
  expires: Date;
  signedIn: SignedIn;
}

export function presentUser(user: Pick<UserRecord, 'id' | 'email' | 'name'>): UserView {
  return { id: user.id, email: user.email, name: user.name };
}

/** Starts a session for the user inside the caller's transaction, with its audit row. */
export async function startSession(trx: Db, user: UserRecord, client: ClientInfo, now: Date): Promise<NewSession> {
  const cookieValue = newSecret();
  const csrfToken = newSecret();
  const id = uuidv7();
  const nowIso = now.toISOString();
  const expires = new Date(now.getTime() + SESSION_LIFETIME_MS);
  const userAgent = client.userAgent ? client.userAgent.slice(0, 300) : null;
  await insertSession(trx, {
    id,
    token_hash: hashSecret(cookieValue),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: nowIso,
    expires_at: expires.toISOString(),
    last_seen_at: nowIso,
    revoked_at: null,
    user_agent: userAgent,
    ip: client.ip,
  });
  await recordAudit(trx, {
    orgId: null,
    actorId: user.id,
    action: 'session.created',
    objectType: 'session',
    objectId: id,
    after: { expiresAt: expires.toISOString(), ip: client.ip, userAgent },
    at: now,
  });
  return { cookieValue, expires, signedIn: { user: presentUser(user), csrfToken, expiresAt: expires.toISOString() } };
}

/** The caller's live sessions, newest first, marking the one this request uses. */
export async function listMySessions(ctx: AccountContext, caller: Caller): Promise<SessionView[]> {
  const rows = await listLiveSessions(ctx.connection.db, caller.userId, ctx.now.toISOString());
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    userAgent: row.user_agent,
    ip: row.ip,
    current: row.id === caller.sessionId,
  }));
}

/**
 * Revokes one of the caller's live sessions (sign-out is this, for the current one). Someone
 * else's session, or one already ended, is 404.
 */
export async function revokeMySession(ctx: AccountContext, caller: Caller, sessionId: string, reason: 'sign_out' | 'revoked'): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const revoked = await revokeSession(trx, caller.userId, sessionId, ctx.now.toISOString());
    if (!revoked) throw new AppError('not_found', 'No such session.');
    await recordAudit(trx, {
      orgId: null,
      actorId: caller.userId,
      action: 'session.revoked',
      objectType: 'session',
      objectId: sessionId,
      after: { reason },
      at: ctx.now,
    });
  });
}
