import { checkPassword } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { badRequest } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { deleteUserSessions, findUserById } from '../auth/auth.repository.ts';
import { checkUserPassword, hashPassword, safeEqual } from '../auth/passwords.ts';
import { findEstablishmentById } from '../establishments/establishments.repository.ts';
import { enqueueMail } from '../mail/mail.repository.ts';
import { invalidateUserTokens } from '../password-reset/password-reset.repository.ts';
import { setEmail, setPassword } from '../users/accounts.repository.ts';
import { emailChangedNoticeMail } from './account.mails.ts';

/** Validates a new password against the policy; throws the matching French error. */
export function assertPasswordPolicy(password: string, birthDate: string | null): void {
  const problem = checkPassword(password, birthDate);
  if (problem === 'too_short') throw badRequest('account.password_too_short');
  if (problem === 'too_long') throw badRequest('account.password_too_long');
  if (problem === 'is_birth_date') throw badRequest('account.password_is_birth_date');
}

export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { actor: user, ip } = ctx;
  const row = await findUserById(deps.db, user.id);
  if (!row || !(await checkUserPassword(row, input.currentPassword))) throw badRequest('account.wrong_current_password');
  assertPasswordPolicy(input.newPassword, row.birth_date);
  if (safeEqual(input.currentPassword, input.newPassword)) throw badRequest('account.password_unchanged');
  const passwordHash = await hashPassword(input.newPassword);
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    await setPassword(tx, user.id, passwordHash, at);
    // Every other session of this account ends: whoever knew the old password is out.
    await deleteUserSessions(tx, user.id, user.sessionId);
    // A reset link asked for before the change (perhaps by whoever held the old password) dies.
    await invalidateUserTokens(tx, user.id, at);
    await recordAudit(tx, {
      establishmentId: user.establishmentId,
      actorId: user.id,
      action: 'account.password_changed',
      targetType: 'user',
      targetId: user.id,
      ip,
      at,
    });
  });
}

/**
 * Changing the address asks for the current password (a stolen session is not enough to divert
 * the reset mails), tells the former address, and cancels the reset links already sent.
 */
export async function changeEmail(deps: Deps, ctx: RequestContext, input: { email: string; currentPassword: string }): Promise<void> {
  const { actor: user, ip } = ctx;
  const row = await findUserById(deps.db, user.id);
  if (!row || !(await checkUserPassword(row, input.currentPassword))) throw badRequest('account.wrong_current_password');
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    await setEmail(tx, user.id, input.email, at);
    await invalidateUserTokens(tx, user.id, at);
    if (row.email && row.email.toLowerCase() !== input.email.toLowerCase()) {
      const establishment = await findEstablishmentById(tx, user.establishmentId);
      const notice = emailChangedNoticeMail({
        establishmentName: establishment?.name ?? '',
        login: user.login,
        firstName: user.firstName,
        lastName: user.lastName,
        newEmail: input.email,
      });
      await enqueueMail(tx, { establishmentId: user.establishmentId, to: row.email, ...notice }, at);
    }
    await recordAudit(tx, {
      establishmentId: user.establishmentId,
      actorId: user.id,
      action: 'account.email_changed',
      targetType: 'user',
      targetId: user.id,
      details: { from: row.email, to: input.email },
      ip,
      at,
    });
  });
}
