import type { AnonymousContext } from '../../context.ts';
import { lockKeyForTransaction } from '../../db/dialect.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import * as repo from './auth.repository.ts';

/*
 * Login throttling (docs/security.md « Limitation des tentatives de connexion »).
 * - Per (account, address): 10 failures free, then each further failure doubles the wait
 *   (15 min, 30 min, 1 h…), counted over 365 days; a success from that address starts over.
 * - Per account, all addresses together: 30 failures free, then the same doubling; it applies
 *   only to addresses this account never signed in from (within 365 days), so that an attacker
 *   cannot keep the owner out, and one address alone (at most ~25 failures a year) cannot reach it.
 * - Per address, all accounts: 50 failures in 15 minutes.
 * Checking and recording are one step: the attempt is recorded (as a failure) in a transaction
 * serialised per account before the password is checked, and taken back if it was right.
 */
export const PAIR_FREE_FAILURES = 10;
export const ACCOUNT_FREE_FAILURES = 30;
export const ADDRESS_MAX_FAILURES = 50;
export const BASE_DELAY_MS = 15 * 60 * 1000;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
export const MEMORY_MS = 365 * 24 * 60 * 60 * 1000;

export type ThrottleKeys = { account: string; pair: string; address: string; known: string };

export function throttleKeys(establishmentIdOrUai: string, login: string, ip: string | null): ThrottleKeys {
  const account = `account:${establishmentIdOrUai}:${login}`;
  const from = ip ?? 'unknown';
  return { account, pair: `${account}|ip:${from}`, address: `address:${from}`, known: `known:${establishmentIdOrUai}:${login}|ip:${from}` };
}

/** When the next attempt is allowed after `count` failures, the last at `latest` (null: now). */
export function nextAllowedAt(count: number, free: number, latest: string | null): number | null {
  if (count < free || !latest) return null;
  const doublings = Math.min(count - free, 40);
  return new Date(latest).getTime() + BASE_DELAY_MS * 2 ** doublings;
}

export type Reservation = { ids: string[]; pairFailures: number; accountFailures: number };

/** Refuses with 429 when a limit is reached; otherwise records the attempt as a failure. */
export async function reserveAttempt(deps: Deps, ctx: AnonymousContext, keys: ThrottleKeys): Promise<Reservation> {
  const now = ctx.at.getTime();
  const memory = nowIso(new Date(now - MEMORY_MS));
  const outcome = await inTransaction(deps.db, async (tx) => {
    await lockKeyForTransaction(tx, deps.engine, keys.account);
    await lockKeyForTransaction(tx, deps.engine, keys.address);
    const pair = await repo.failureStats(tx, keys.pair, memory);
    const account = await repo.failureStats(tx, keys.account, memory);
    const address = await repo.failureStats(tx, keys.address, nowIso(new Date(now - ADDRESS_WINDOW_MS)));
    const known = await repo.hasAttemptKey(tx, keys.known, memory);
    const waits = [
      nextAllowedAt(pair.count, PAIR_FREE_FAILURES, pair.latest),
      known ? null : nextAllowedAt(account.count, ACCOUNT_FREE_FAILURES, account.latest),
      address.count >= ADDRESS_MAX_FAILURES && address.oldest ? new Date(address.oldest).getTime() + ADDRESS_WINDOW_MS : null,
    ].filter((t): t is number => t !== null && t > now);
    if (waits.length > 0) return { blockedUntil: Math.max(...waits) };
    const ids = await repo.recordAttempts(tx, [keys.pair, keys.account, keys.address], nowIso(ctx.at));
    return { blockedUntil: undefined, ids, pairFailures: pair.count + 1, accountFailures: account.count + 1 };
  });
  if (outcome.blockedUntil !== undefined) {
    deps.log.info({ event: 'auth.login_throttled', key: keys.pair }, 'login refused: too many attempts');
    throw tooManyAttempts(outcome.blockedUntil - now);
  }
  return { ids: outcome.ids, pairFailures: outcome.pairFailures, accountFailures: outcome.accountFailures };
}

/** The attempt was right: take it back, forget this address's failures, remember the address. */
export async function releaseAttempt(tx: Parameters<typeof repo.deleteAttempts>[0], keys: ThrottleKeys, r: Reservation, at: string): Promise<void> {
  await repo.deleteAttempts(tx, r.ids);
  await repo.clearFailures(tx, keys.pair);
  await repo.markKnownAddress(tx, keys.known, at);
}

/** Which lock a failure has just started, if any. */
export function lockStarted(r: Reservation): 'address' | 'account' | null {
  if (r.accountFailures === ACCOUNT_FREE_FAILURES) return 'account';
  if (r.pairFailures === PAIR_FREE_FAILURES) return 'address';
  return null;
}

function tooManyAttempts(retryMs: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryMs / 60000));
  const wait = minutes < 120 ? `${minutes} minute${minutes > 1 ? 's' : ''}` : `${Math.ceil(minutes / 60)} heures`;
  return new AppError(429, 'auth.too_many_attempts', `Trop de tentatives de connexion. Réessayez dans ${wait}.`, {
    retryAfterSeconds: Math.ceil(retryMs / 1000),
  });
}

export async function pruneAttempts(deps: Deps, at: Date): Promise<void> {
  await repo.pruneFailures(deps.db, nowIso(new Date(at.getTime() - MEMORY_MS)));
}
