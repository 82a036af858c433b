/**
 * Signing in with e-mail and password. Unknown e-mail, wrong password and an account without a
 * password all get the same answer after the same work (an argon2 verification), so the answer
 * does not reveal which addresses have accounts. Attempts are rate limited per address and per
 * account before any password is verified, so a burst costs no hashing time.
 */
import { AppError } from '../../contracts/app-error.ts';
import type { LoginBody } from '../../contracts/api/auth.ts';
import { findUserByEmail, setPasswordHash } from '../../repositories/accounts.ts';
import { ssoRequiredOrganisations } from '../../repositories/sso.ts';
import { inTransaction } from '../context.ts';
import { hashPassword, passwordNeedsRehash, verifyPassword } from '../passwords.ts';
import { enforce, forget, type RateLimitRule } from '../rate-limit.ts';
import { newSecret } from '../secrets.ts';
import { startSession, type AccountContext, type ClientInfo, type NewSession } from './sessions.ts';

export interface LoginLimits {
  perAddress: RateLimitRule;
  perAccount: RateLimitRule;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * Sign-in budgets: 20 attempts per address in 5 minutes and 10 per account in 15 minutes,
 * unless OKR_LOGIN_LIMIT_PER_IP / OKR_LOGIN_LIMIT_PER_ACCOUNT say otherwise.
 */
export function loginLimits(env: NodeJS.ProcessEnv = process.env): LoginLimits {
  return {
    perAddress: { limit: positiveInt(env.OKR_LOGIN_LIMIT_PER_IP, 20), windowMs: 5 * 60_000 },
    perAccount: { limit: positiveInt(env.OKR_LOGIN_LIMIT_PER_ACCOUNT, 10), windowMs: 15 * 60_000 },
  };
}

export const addressKey = (ip: string): string => `login:ip:${ip}`;
export const accountKey = (email: string): string => `login:account:${email}`;

/** The one answer for every kind of wrong credentials. */
export function invalidCredentials(): AppError {
  return new AppError('unauthenticated', 'E-mail or password is wrong.');
}

/**
 * The hash of a random password nobody knows, with today's parameters, so verifying against it
 * costs what verifying a real one does. Should the parameters rise, a fresh one is made once.
 */
const PRECOMPUTED_DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$UeMyMaXUhLp8BffZJa15tg$fuoMvmTfeOzIDJHrlK3W/cazBQl0k/6i4jTzqyvbca0';
let dummyHash: Promise<string> | undefined;

/** What to verify against when there is no real hash, to keep the timing alike. */
export function hashToWasteTimeOn(): Promise<string> {
  dummyHash ??= passwordNeedsRehash(PRECOMPUTED_DUMMY_HASH) ? hashPassword(newSecret()) : Promise.resolve(PRECOMPUTED_DUMMY_HASH);
  return dummyHash;
}

/**
 * Checks e-mail and password and starts a session (audited as `session.created`). Throws 429
 * (`RateLimitedError`) when over a budget, 401 for wrong credentials of any kind, and 403
 * `sso_required` when an organisation of the person requires single sign-on and they are not
 * one of its admins (admins keep their password: the way in when the provider breaks).
 */
export async function signIn(ctx: AccountContext, body: LoginBody, client: ClientInfo, limits = loginLimits()): Promise<NewSession> {
  const { connection, rateLimits, now } = ctx;
  await enforce(rateLimits, addressKey(client.ip), limits.perAddress, now);
  await enforce(rateLimits, accountKey(body.email), limits.perAccount, now);

  const user = await findUserByEmail(connection.db, body.email);
  const storedHash = user?.password_hash ?? null;
  const matches = await verifyPassword(storedHash ?? (await hashToWasteTimeOn()), body.password);
  if (!user || !storedHash || !matches) throw invalidCredentials();
  // Asked only after the password proved who this is, so it reveals nothing to a guesser.
  const ssoOnly = await ssoRequiredOrganisations(connection.db, user.id);
  if (ssoOnly.length > 0) {
    throw new AppError(
      'sso_required',
      `${ssoOnly.map((o) => o.name).join(', ')} requires single sign-on: use "Sign in with single sign-on".`,
    );
  }

  // The account's budget is for guessing; its owner signing in ends the guessing. The address
  // budget stays, or an attacker could reset it by signing in to an account of their own.
  await forget(rateLimits, accountKey(body.email));
  const upgradedHash = passwordNeedsRehash(storedHash) ? await hashPassword(body.password) : null;
  return inTransaction(ctx, async (trx) => {
    if (upgradedHash) await setPasswordHash(trx, user.id, upgradedHash);
    return startSession(trx, user, client, now);
  });
}
