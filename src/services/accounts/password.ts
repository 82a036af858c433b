/** Changing one's own password. */
import { AppError } from '../../contracts/app-error.ts';
import type { PasswordChangeBody } from '../../contracts/api/auth.ts';
import { findUserById, revokeOtherSessions, setPasswordHash } from '../../repositories/accounts.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { inTransaction } from '../context.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { enforce, forget } from '../rate-limit.ts';
import { loginLimits } from './sign-in.ts';
import type { AccountContext, Caller } from './sessions.ts';

const passwordKey = (userId: string): string => `password:user:${userId}`;

/**
 * Replaces the caller's password after checking the current one, and signs out every other
 * session (the one making the change stays). Audited as `user.password_changed`, without any
 * secret. Guesses of the current password share the sign-in budget of an account.
 */
export async function changePassword(ctx: AccountContext, caller: Caller, body: PasswordChangeBody): Promise<{ revokedSessions: number }> {
  const { connection, rateLimits, now } = ctx;
  await enforce(rateLimits, passwordKey(caller.userId), loginLimits().perAccount, now);
  const user = await findUserById(connection.db, caller.userId);
  if (!user || !(await verifyPassword(user.password_hash, body.currentPassword))) {
    throw new AppError('bad_input', 'The current password is wrong.', [{ path: 'body.currentPassword', message: 'is wrong' }]);
  }
  await forget(rateLimits, passwordKey(caller.userId));
  const passwordHash = await hashPassword(body.newPassword);
  return inTransaction(ctx, async (trx) => {
    await setPasswordHash(trx, user.id, passwordHash);
    const revokedSessions = await revokeOtherSessions(trx, user.id, caller.sessionId ?? null, now.toISOString());
    await recordAudit(trx, {
      orgId: null,
      actorId: user.id,
      action: 'user.password_changed',
      objectType: 'user',
      objectId: user.id,
      after: { revokedSessions },
      at: now,
    });
    return { revokedSessions };
  });
}
