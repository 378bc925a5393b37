import { checkPassword } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { badRequest } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { deleteUserSessions, findUserById } from '../auth/auth.repository.ts';
import { checkUserPassword, hashPassword, safeEqual } from '../auth/passwords.ts';
import { setEmail, setPassword } from '../users/accounts.repository.ts';

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

export async function changeEmail(deps: Deps, ctx: RequestContext, email: string): Promise<void> {
  const { actor: user, ip } = ctx;
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    await setEmail(tx, user.id, email, at);
    await recordAudit(tx, {
      establishmentId: user.establishmentId,
      actorId: user.id,
      action: 'account.email_changed',
      targetType: 'user',
      targetId: user.id,
      details: { from: user.email, to: email },
      ip,
      at,
    });
  });
}
