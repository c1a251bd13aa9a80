import { randomBytes } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { authLimits } from '../../../shared/api/auth.js';

/**
 * Password storage (R07): argon2id with OWASP's minimum parameters, a 16-byte random salt per
 * hash (the library's default), the parameters kept in the PHC string so a change of parameters
 * is detected at the next sign-in and the hash redone. An optional pepper (PASSWORD_PEPPER,
 * never stored in the database) is passed as argon2's secret; it must be set before the first
 * password is stored, because changing it invalidates every hash.
 */

/** argon2id, m = 19 MiB, t = 2, p = 1 (OWASP Password Storage Cheat Sheet). */
export const argon2Params = {
  // `Algorithm.Argon2id` is a const enum, which isolated modules cannot read: 2 is its value.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * How many argon2 operations this process has run. Tests read it to prove that a locked
 * account's password is never evaluated; it also makes hashing load observable.
 */
export const argon2Counters = { hashes: 0, verifications: 0 };

/** Why a password cannot even be hashed: more characters or bytes than we ever hash. */
export type PasswordSizeProblem = 'too-long' | null;

/** The form every password is hashed and compared in: NFKC, so look-alike encodings match. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Refuses a password longer than 128 characters or 1 KiB of UTF-8 before any hashing, so a
 * huge input costs no CPU (hashing DoS), and nothing is ever truncated.
 */
export function passwordSizeProblem(password: string): PasswordSizeProblem {
  if (Buffer.byteLength(password, 'utf8') > authLimits.passwordMaxBytes) return 'too-long';
  const normalized = normalizePassword(password);
  if (Buffer.byteLength(normalized, 'utf8') > authLimits.passwordMaxBytes) return 'too-long';
  if ([...normalized].length > authLimits.passwordMaxChars) return 'too-long';
  return null;
}

function options(pepper: string | undefined) {
  return pepper ? { ...argon2Params, secret: Buffer.from(pepper, 'utf8') } : { ...argon2Params };
}

/** Hashes a password (NFKC first) into a PHC string. Callers check the size first. */
export async function hashPassword(password: string, pepper?: string): Promise<string> {
  if (passwordSizeProblem(password)) throw new Error('Password too long to hash');
  argon2Counters.hashes += 1;
  return hash(normalizePassword(password), options(pepper));
}

/** Whether `password` matches the stored hash. A malformed hash or oversized input never matches. */
export async function verifyPassword(stored: string, password: string, pepper?: string): Promise<boolean> {
  if (passwordSizeProblem(password)) return false;
  argon2Counters.verifications += 1;
  try {
    return await verify(stored, normalizePassword(password), pepper ? { secret: Buffer.from(pepper) } : {});
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters (or another algorithm) than today's. */
export function needsRehash(stored: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return true;
  return (
    Number(match[1]) !== argon2Params.memoryCost ||
    Number(match[2]) !== argon2Params.timeCost ||
    Number(match[3]) !== argon2Params.parallelism
  );
}

let dummyHash: Promise<string> | null = null;

/**
 * Runs one verification against a throw-away hash, so that answering for an unknown address or
 * an account without a password costs the same time as checking a real one (R02).
 */
export async function verifyAgainstDummy(password: string, pepper?: string): Promise<false> {
  dummyHash ??= hash(randomBytes(24).toString('base64url'), options(pepper));
  await verifyPassword(await dummyHash, password, pepper);
  return false;
}
