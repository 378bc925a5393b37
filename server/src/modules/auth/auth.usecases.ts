import crypto from 'node:crypto';
import { PROFILES, type Profile } from '@cerise/common';
import type { AnonymousContext } from '../../context.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findEstablishmentByUai, listEstablishmentSummaries } from '../establishments/establishments.repository.ts';
import { markLoggedIn } from '../users/accounts.repository.ts';
import * as repo from './auth.repository.ts';
import { profilesOf, type SessionUser } from './auth.presenter.ts';
import { checkUserPassword } from './passwords.ts';
import { pruneAttempts, releaseAttempt, reserveAttempt, throttleKeys } from './auth.throttle.ts';
import { traceFailure } from './auth.trace.ts';

/** Sessions end after 2 hours without activity, and 12 hours after login in any case. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export type LoginInput = { uai: string; login: string; password: string; userAgent: string | null; previousSessionToken?: string | null };

export async function login(deps: Deps, ctx: AnonymousContext, input: LoginInput): Promise<{ token: string; user: SessionUser }> {
  const now = ctx.at;
  const establishment = await findEstablishmentByUai(deps.db, input.uai.trim());
  const loginName = input.login.trim().toLowerCase();
  const keys = throttleKeys(establishment?.id ?? input.uai.trim().toUpperCase(), loginName, ctx.ip);
  const reservation = await reserveAttempt(deps, ctx, keys);

  const user = establishment ? await repo.findLoginUser(deps.db, establishment.id, loginName) : undefined;
  const ok = await checkUserPassword(user, input.password);
  const at = nowIso(now);
  if (!ok || !user || !establishment) {
    await traceFailure(deps, ctx, { establishmentId: establishment?.id ?? null, userId: user?.id ?? null, login: loginName, reservation });
    throw new AppError(401, 'auth.invalid_credentials');
  }

  // Local login switched off for every profile of the account (docs/sso.md); administrators always keep it.
  if (!localLoginAllowed(profilesOf(user), parseProfileList(establishment.local_login_disabled_profiles))) {
    await inTransaction(deps.db, (tx) => releaseAttempt(tx, keys, reservation, at));
    throw new AppError(403, 'sso.local_login_disabled');
  }

  let token = '';
  let sessionId = '';
  await inTransaction(deps.db, async (tx) => {
    await releaseAttempt(tx, keys, reservation, at);
    ({ token, sessionId } = await openSession(tx, ctx, {
      userId: user.id,
      establishmentId: establishment.id,
      userAgent: input.userAgent,
      previousSessionToken: input.previousSessionToken ?? null,
    }));
    await recordAudit(tx, { establishmentId: establishment.id, actorId: user.id, action: 'auth.login', ip: ctx.ip, at });
  });
  if (Math.random() < 0.05) await pruneAttempts(deps, now);

  const mustChange = user.must_change_password === 1 || user.password_hash === null;
  return {
    token,
    user: {
      sessionId,
      id: user.id,
      establishmentId: establishment.id,
      uai: establishment.uai,
      establishmentName: establishment.name,
      login: user.login,
      civility: user.civility,
      lastName: user.last_name,
      firstName: user.first_name,
      email: user.email,
      birthDate: user.birth_date,
      profiles: profilesOf(user),
      mustChangePassword: mustChange,
    },
  };
}

/** The profiles stored as a JSON array (establishments.local_login_disabled_profiles). */
export function parseProfileList(json: string): Profile[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v.filter((p) => typeof p === 'string' && (PROFILES as readonly string[]).includes(p)) as Profile[]) : [];
  } catch {
    return [];
  }
}

/** A local password login is allowed unless every profile of the account has it switched off; administrators always keep it. */
export function localLoginAllowed(profiles: readonly Profile[], disabled: readonly Profile[]): boolean {
  if (profiles.includes('administrator')) return true;
  return profiles.length === 0 || profiles.some((p) => !disabled.includes(p));
}

/**
 * Opens a session for an account, in the caller's transaction: a random 256-bit token (only its
 * SHA-256 is stored), the browser's former session ended, the login time marked. Used by the local
 * login and by single sign-on (docs/sso.md), which passes the provider.
 */
export async function openSession(
  tx: DbOrTx,
  ctx: AnonymousContext,
  s: { userId: string; establishmentId: string; userAgent: string | null; previousSessionToken: string | null; ssoProviderId?: string | null },
): Promise<{ token: string; sessionId: string }> {
  const at = nowIso(ctx.at);
  const token = crypto.randomBytes(32).toString('base64url');
  const sessionId = hashToken(token);
  // A new login in the same browser ends the session its former cookie held.
  const previous = s.previousSessionToken;
  if (previous && previous.length <= 200) await repo.deleteSession(tx, hashToken(previous));
  await repo.insertSession(tx, {
    id: sessionId,
    userId: s.userId,
    establishmentId: s.establishmentId,
    now: at,
    expiresAt: nowIso(new Date(ctx.at.getTime() + SESSION_ABSOLUTE_MS)),
    ip: ctx.ip,
    userAgent: s.userAgent?.slice(0, 300) ?? null,
    ssoProviderId: s.ssoProviderId ?? null,
  });
  await markLoggedIn(tx, s.userId, at);
  return { token, sessionId };
}

/** The user behind a session cookie, or null when missing, expired, idle too long, or hidden. */
export async function resolveSession(deps: Deps, token: string): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const sessionId = hashToken(token);
  const row = await repo.findSessionWithUser(deps.db, sessionId);
  if (!row) return null;
  const now = deps.now().getTime();
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (row.hidden_at || new Date(row.expires_at).getTime() <= now || lastSeen + SESSION_IDLE_MS <= now) {
    await repo.deleteSession(deps.db, sessionId);
    return null;
  }
  if (now - lastSeen > TOUCH_EVERY_MS) await repo.touchSession(deps.db, sessionId, nowIso(new Date(now)));
  return {
    sessionId,
    id: row.id,
    establishmentId: row.establishment_id,
    uai: row.uai,
    establishmentName: row.establishment_name,
    login: row.login,
    civility: row.civility,
    lastName: row.last_name,
    firstName: row.first_name,
    email: row.email,
    birthDate: row.birth_date,
    profiles: profilesOf(row),
    // A session opened through the ENT or ÉduConnect never asks for a local password (docs/sso.md).
    mustChangePassword: row.must_change_password === 1 && row.sso_provider_id === null,
    ssoProviderId: row.sso_provider_id,
  };
}

export async function logout(deps: Deps, ctx: AnonymousContext, user: SessionUser | null): Promise<void> {
  if (!user) return;
  await repo.deleteSession(deps.db, user.sessionId);
  await recordAudit(deps.db, {
    establishmentId: user.establishmentId,
    actorId: user.id,
    action: 'auth.logout',
    ip: ctx.ip,
    at: nowIso(ctx.at),
  });
}

/** The establishment's name for its login page (`/<UAI>`), or 404. */
export async function establishmentSummary(deps: Deps, uai: string): Promise<{ uai: string; name: string }> {
  const e = await findEstablishmentByUai(deps.db, uai);
  if (!e) throw notFound('auth.establishment_not_found');
  return { uai: e.uai, name: e.name };
}

/** The instance's establishment when it hosts exactly one (the login page needs no UAI then), or 404. */
export async function defaultEstablishment(deps: Deps): Promise<{ uai: string; name: string }> {
  const list = await listEstablishmentSummaries(deps.db, 2);
  if (list.length !== 1) throw notFound('auth.establishment_not_found');
  return list[0]!;
}
