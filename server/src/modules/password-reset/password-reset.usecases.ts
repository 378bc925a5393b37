import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD_RESET_REQUESTED_MESSAGE, type PasswordResetCheckResponse } from '@cerise/common';
import type { AnonymousContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { assertPasswordPolicy } from '../account/account.usecases.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { clearFailures, countFailuresSince, deleteUserSessions, findLoginUser, recordFailure } from '../auth/auth.repository.ts';
import { hashToken } from '../auth/auth.usecases.ts';
import { hashPassword } from '../auth/passwords.ts';
import { findEstablishmentByUai } from '../establishments/establishments.repository.ts';
import { enqueueMail } from '../mail/mail.repository.ts';
import { missingEstablishmentFields } from '../settings/settings.presenter.ts';
import { setPassword } from '../users/accounts.repository.ts';
import { lockoutKey } from '../users/users.actions.usecases.ts';
import { passwordResetLinkMail } from './password-reset.mails.ts';
import * as repo from './password-reset.repository.ts';

/** A link is valid one hour. */
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
/** At most 3 links per account and hour; further requests are answered the same and do nothing. */
export const RESET_MAX_PER_ACCOUNT = 3;
/** Per address, 10 requests in 15 minutes (the login attempts' window), then 429. */
export const RESET_MAX_PER_ADDRESS = 10;
const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
/**
 * Every request takes at least this long, so that an existing account (a transaction, a mail
 * queued) cannot be told from an unknown one by the response time.
 */
export const RESET_RESPONSE_FLOOR_MS = 300;

export function resetLink(publicUrl: string, uai: string, token: string): string {
  return `${publicUrl}/${uai}/reinitialisation/${token}`;
}

/**
 * « Mot de passe oublié »: queues a single-use link when the account exists, is visible and has
 * an e-mail (and the establishment's name and e-mail are filled in). Same answer in every case.
 */
export async function requestPasswordReset(deps: Deps, ctx: AnonymousContext, input: { uai: string; login: string }): Promise<{ message: string }> {
  const started = performance.now();
  const addressKey = `password-reset:${ctx.ip ?? 'unknown'}`;
  const now = ctx.at;
  const at = nowIso(now);
  const recent = await countFailuresSince(deps.db, addressKey, nowIso(new Date(now.getTime() - ADDRESS_WINDOW_MS)));
  if (recent.count >= RESET_MAX_PER_ADDRESS) {
    const retryMs = Math.max(1000, new Date(recent.oldest ?? at).getTime() + ADDRESS_WINDOW_MS - now.getTime());
    throw new AppError(429, 'common.rate_limited', undefined, { retryAfterSeconds: Math.ceil(retryMs / 1000) });
  }
  await recordFailure(deps.db, addressKey, at);
  try {
    const establishment = await findEstablishmentByUai(deps.db, input.uai.trim());
    const user = establishment ? await findLoginUser(deps.db, establishment.id, input.login.trim().toLowerCase()) : undefined;
    if (establishment && user?.email) {
      const email = user.email;
      const ready = missingEstablishmentFields(establishment).length === 0;
      const recentLinks = await repo.countTokensSince(deps.db, user.id, nowIso(new Date(now.getTime() - RESET_TOKEN_TTL_MS)));
      if (!ready) deps.log.warn({ establishmentId: establishment.id }, 'password reset requested but the establishment has no e-mail: nothing sent');
      if (ready && recentLinks < RESET_MAX_PER_ACCOUNT) {
        const token = crypto.randomBytes(32).toString('base64url');
        await inTransaction(deps.db, async (tx) => {
          await repo.insertResetToken(tx, {
            id: newId(),
            establishmentId: establishment.id,
            userId: user.id,
            tokenHash: hashToken(token),
            createdAt: at,
            expiresAt: nowIso(new Date(now.getTime() + RESET_TOKEN_TTL_MS)),
            ip: ctx.ip,
          });
          const mail = passwordResetLinkMail({
            establishmentName: establishment.name,
            link: resetLink(deps.config.publicUrl, establishment.uai, token),
            login: user.login,
            firstName: user.first_name,
            lastName: user.last_name,
          });
          await enqueueMail(tx, { establishmentId: establishment.id, to: email, ...mail }, at);
          await recordAudit(tx, {
            establishmentId: establishment.id,
            actorId: null,
            action: 'auth.password_reset_requested',
            targetType: 'user',
            targetId: user.id,
            details: { login: user.login },
            ip: ctx.ip,
            at,
          });
        });
        if (Math.random() < 0.05) await repo.pruneTokens(deps.db, nowIso(new Date(now.getTime() - 24 * 60 * 60 * 1000)));
      }
    }
  } finally {
    const elapsed = performance.now() - started;
    if (elapsed < RESET_RESPONSE_FLOOR_MS) await sleep(RESET_RESPONSE_FLOOR_MS - elapsed + Math.random() * 20);
  }
  return { message: PASSWORD_RESET_REQUESTED_MESSAGE };
}

async function findValidToken(deps: Deps, token: string) {
  const row = await repo.findTokenWithUser(deps.db, hashToken(token));
  if (!row || row.used_at || row.hidden_at || new Date(row.expires_at).getTime() <= deps.now().getTime()) {
    throw badRequest('auth.reset_token_invalid');
  }
  return row;
}

/** The reset page asks first whether its link is still good, and shows whose account it is. */
export async function checkPasswordResetToken(deps: Deps, token: string): Promise<PasswordResetCheckResponse> {
  const row = await findValidToken(deps, token);
  return { login: row.login, establishment: { uai: row.uai, name: row.establishment_name }, expiresAt: row.expires_at };
}

/** Sets the new password (policy of Mon compte), uses the link, ends every session of the account. */
export async function confirmPasswordReset(deps: Deps, ctx: AnonymousContext, input: { token: string; newPassword: string }): Promise<void> {
  const row = await findValidToken(deps, input.token);
  assertPasswordPolicy(input.newPassword, row.birth_date);
  const passwordHash = await hashPassword(input.newPassword);
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.markTokenUsed(tx, row.id, at))) throw badRequest('auth.reset_token_invalid');
    await repo.invalidateUserTokens(tx, row.user_id, at);
    await setPassword(tx, row.user_id, passwordHash, at);
    await deleteUserSessions(tx, row.user_id);
    await clearFailures(tx, lockoutKey(row.establishment_id, row.login));
    await recordAudit(tx, {
      establishmentId: row.establishment_id,
      actorId: row.user_id,
      action: 'auth.password_reset_completed',
      targetType: 'user',
      targetId: row.user_id,
      details: { login: row.login },
      ip: ctx.ip,
      at,
    });
  });
}
