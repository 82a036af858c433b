/**
 * Personal API tokens: `okr_` and a random secret, shown once at creation and stored only as a
 * hash. A token acts with all the permissions of its owner.
 */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import type { CreatedToken, TokenCreateBody, TokenView } from '../../contracts/api/auth.ts';
import { insertToken, listTokens, revokeToken } from '../../repositories/accounts.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { inTransaction } from '../context.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import type { AccountContext } from './sessions.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How much of a token is kept in clear, to tell tokens apart: `okr_` and 8 characters. */
const PREFIX_LENGTH = 12;

/** Creates a token for the user (audited as `api_token.created`); the clear token is only in the result. */
export async function createToken(ctx: AccountContext, userId: string, body: TokenCreateBody): Promise<CreatedToken> {
  const token = `okr_${newSecret()}`;
  const id = uuidv7();
  const createdAt = ctx.now.toISOString();
  const expiresAt = body.expiresInDays === undefined ? null : new Date(ctx.now.getTime() + body.expiresInDays * DAY_MS).toISOString();
  const prefix = token.slice(0, PREFIX_LENGTH);
  await inTransaction(ctx, async (trx) => {
    await insertToken(trx, {
      id,
      token_hash: hashSecret(token),
      user_id: userId,
      name: body.name,
      prefix,
      created_at: createdAt,
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(trx, {
      orgId: null,
      actorId: userId,
      action: 'api_token.created',
      objectType: 'api_token',
      objectId: id,
      after: { name: body.name, expiresAt },
      at: ctx.now,
    });
  });
  return { id, name: body.name, prefix, token, createdAt, expiresAt };
}

/** The user's tokens that are not revoked, newest first, without secrets. */
export async function listMyTokens(ctx: AccountContext, userId: string): Promise<TokenView[]> {
  const rows = await listTokens(ctx.connection.db, userId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  }));
}

/** Revokes one of the user's tokens (audited as `api_token.revoked`); anyone else's is 404. */
export async function revokeMyToken(ctx: AccountContext, userId: string, tokenId: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    if (!(await revokeToken(trx, userId, tokenId, ctx.now.toISOString()))) throw new AppError('not_found', 'No such API token.');
    await recordAudit(trx, {
      orgId: null,
      actorId: userId,
      action: 'api_token.revoked',
      objectType: 'api_token',
      objectId: tokenId,
      at: ctx.now,
    });
  });
}
