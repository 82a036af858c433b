/**
 * Password hashing: argon2id with the OWASP-recommended parameters (19 MiB memory, 2 passes,
 * 1 lane), stored as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so the
 * parameters travel with each hash and can be raised later without breaking old ones.
 */
import { hash, verify } from '@node-rs/argon2';

/** Argon2id; the const enum of @node-rs/argon2 cannot be imported under isolatedModules. */
const ARGON2ID = 2;

export const PASSWORD_HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashes a password with argon2id and a fresh random salt. Takes about 60 ms on purpose; hash
 * once and reuse the result when many accounts share a password (demo data).
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

/**
 * Whether `password` matches `storedHash`. A missing or malformed hash never matches (and never
 * throws), so an account without a password cannot be signed in to.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash || !storedHash.startsWith('$argon2')) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash uses weaker parameters than today's and should be replaced at next sign-in. */
export function passwordNeedsRehash(storedHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!match) return true;
  return (
    Number(match[1]) < PASSWORD_HASH_OPTIONS.memoryCost ||
    Number(match[2]) < PASSWORD_HASH_OPTIONS.timeCost ||
    Number(match[3]) < PASSWORD_HASH_OPTIONS.parallelism
  );
}
