import crypto from 'node:crypto';
import { formatInitialPassword } from '@cerise/common/password-policy';
import type { InitialPasswordKind } from '../../db/tables/foundation.ts';

// OWASP-recommended argon2id parameters (19 MiB, 2 iterations).
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** The native argon2 module, loaded at the first hash: an import or a command that hashes nothing does not load it. */
const argon2 = () => import('@node-rs/argon2');

export const hashPassword = async (password: string): Promise<string> => (await argon2()).hash(password, ARGON2);

export async function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Constant-time comparison of two strings (lengths leak nothing: both are hashed first). */
export function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a, 'utf8').digest();
  const hb = crypto.createHash('sha256').update(b, 'utf8').digest();
  return crypto.timingSafeEqual(ha, hb);
}

/**
 * Bytes from the system's CSPRNG, drawn 4 KiB at a time: an import that makes ten thousand
 * passwords and salts asks the kernel a few dozen times instead of twenty thousand
 * (docs/performance.md). Each byte is handed out once.
 */
const pool = Buffer.alloc(4096);
let poolUsed = pool.length;
function randomBytesFromPool(n: number): Buffer {
  if (n > pool.length) return crypto.randomBytes(n);
  if (poolUsed + n > pool.length) {
    crypto.randomFillSync(pool);
    poolUsed = 0;
  }
  const out = Buffer.from(pool.subarray(poolUsed, poolUsed + n)); // a copy: the pool is refilled later
  poolUsed += n;
  return out;
}

/** A random password people can type: no ambiguous characters (0/O, 1/l/I). */
export function randomPassword(length = 10): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytesFromPool(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/**
 * A high-entropy random initial password is stored as salted SHA-256 (not argon2: an import
 * creates thousands at once, docs/design.md §4; 58 bits of entropy make a slow hash unnecessary).
 */
export function digestInitialSecret(secret: string): string {
  const salt = randomBytesFromPool(16).toString('hex');
  return `${salt}:${crypto.createHash('sha256').update(salt + secret).digest('hex')}`;
}

export function verifyInitialSecret(stored: string, secret: string): boolean {
  const [salt, digest] = stored.split(':');
  if (!salt || !digest) return false;
  return safeEqual(crypto.createHash('sha256').update(salt + secret).digest('hex'), digest);
}

export type PasswordState = {
  password_hash: string | null;
  initial_password_kind: InitialPasswordKind | null;
  initial_secret_hash: string | null;
  birth_date: string | null;
};

// A fixed hash so that an unknown login costs the same time as a known one.
let dummyHash: Promise<string> | undefined;

/** Checks a password against whatever the account holds: argon2 hash, birth date, or initial secret. */
export async function checkUserPassword(user: PasswordState | undefined, password: string): Promise<boolean> {
  if (user?.password_hash) return verifyPasswordHash(user.password_hash, password);
  // Unknown login, or an account still on its initial password: spend the same argon2 time as
  // a real check, so that response times tell nothing about which accounts exist.
  dummyHash ??= hashPassword('cerise-dummy-password');
  await verifyPasswordHash(await dummyHash, password);
  if (!user) return false;
  if (user.initial_password_kind === 'random') {
    return user.initial_secret_hash ? verifyInitialSecret(user.initial_secret_hash, password) : false;
  }
  if (user.initial_password_kind && user.birth_date) {
    return safeEqual(formatInitialPassword(user.initial_password_kind, user.birth_date), password);
  }
  return false;
}
