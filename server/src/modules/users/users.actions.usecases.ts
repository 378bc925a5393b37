import type { User, UserPasswordResetResponse } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { clearFailures, deleteUserSessions } from '../auth/auth.repository.ts';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import { loginUrl } from '../establishments/establishments.usecases.ts';
import { enqueueMail } from '../mail/mail.repository.ts';
import { assertEstablishmentReady } from '../settings/settings.usecases.ts';
import { currentSchoolYear, loadUser } from './users.admin.usecases.ts';
import { updateAccount } from './accounts.repository.ts';
import * as repo from './users.admin.repository.ts';
import { passwordResetMails } from './users.mails.ts';

/** The login lockout key of auth.usecases.ts: a reset also lifts a lockout. */
export const lockoutKey = (establishmentId: string, login: string) => `account:${establishmentId}:${login}`;

/**
 * « Réinitialiser le mot de passe » (docs/guide.md §3.2.2): only with a known e-mail; a random
 * password, forced to change, sent as two mails (login, password); every session ends.
 */
export async function resetUserPassword(deps: Deps, ctx: RequestContext, userId: string): Promise<UserPasswordResetResponse> {
  const { actor, ip } = ctx;
  const row = await repo.findUserRow(deps.db, actor.establishmentId, userId);
  if (!row) throw notFound('users.not_found');
  if (row.hidden_at) throw conflict('users.hidden');
  if (!row.email) throw conflict('users.no_email');
  const establishment = await assertEstablishmentReady(deps.db, actor.establishmentId);
  const password = randomPassword(10);
  const passwordHash = await hashPassword(password);
  const at = nowIso(ctx.at);
  const email = row.email;
  let mailsQueued = 0;
  await inTransaction(deps.db, async (tx) => {
    await updateAccount(tx, actor.establishmentId, userId, {
      password_hash: passwordHash,
      initial_password_kind: null,
      initial_secret_hash: null,
      must_change_password: 1,
      updated_at: at,
    });
    await deleteUserSessions(tx, userId);
    await clearFailures(tx, lockoutKey(actor.establishmentId, row.login));
    for (const m of passwordResetMails({
      establishmentName: establishment.name,
      loginUrl: loginUrl(deps, establishment.uai),
      login: row.login,
      password,
      firstName: row.first_name,
      lastName: row.last_name,
    })) {
      await enqueueMail(tx, { establishmentId: actor.establishmentId, to: email, ...m }, at);
      mailsQueued++;
    }
    await recordAudit(tx, {
      establishmentId: actor.establishmentId,
      actorId: actor.id,
      action: 'users.password_reset',
      targetType: 'user',
      targetId: userId,
      details: { login: row.login, email },
      ip,
      at,
    });
  });
  return { email, mailsQueued };
}

/** « Masquer » (docs/guide.md §3.2.2): users created by hand only; the account keeps its data and login. */
export async function hideUser(deps: Deps, ctx: RequestContext, userId: string): Promise<User> {
  const { actor, ip } = ctx;
  const at = nowIso(ctx.at);
  const schoolYear = await currentSchoolYear(deps, actor.establishmentId);
  return inTransaction(deps.db, async (tx) => {
    const row = await repo.findUserRow(tx, actor.establishmentId, userId);
    if (!row) throw notFound('users.not_found');
    if (row.source !== 'manual') throw conflict('users.hide_imported');
    if (userId === actor.id) throw conflict('users.cannot_hide_self');
    if (!row.hidden_at) {
      await updateAccount(tx, actor.establishmentId, userId, { hidden_at: at, updated_at: at });
      await deleteUserSessions(tx, userId);
      await recordAudit(tx, {
        establishmentId: actor.establishmentId,
        actorId: actor.id,
        action: 'users.hidden',
        targetType: 'user',
        targetId: userId,
        details: { login: row.login },
        ip,
        at,
      });
    }
    return loadUser(tx, actor.establishmentId, userId, schoolYear);
  });
}

/** « Restaurer » a hidden account created by hand (imported ones come back with an import). */
export async function restoreUser(deps: Deps, ctx: RequestContext, userId: string): Promise<User> {
  const { actor, ip } = ctx;
  const at = nowIso(ctx.at);
  const schoolYear = await currentSchoolYear(deps, actor.establishmentId);
  return inTransaction(deps.db, async (tx) => {
    const row = await repo.findUserRow(tx, actor.establishmentId, userId);
    if (!row) throw notFound('users.not_found');
    if (!row.hidden_at) throw conflict('users.not_hidden');
    if (row.source !== 'manual') throw conflict('users.restore_imported');
    await updateAccount(tx, actor.establishmentId, userId, { hidden_at: null, updated_at: at });
    await recordAudit(tx, {
      establishmentId: actor.establishmentId,
      actorId: actor.id,
      action: 'users.restored',
      targetType: 'user',
      targetId: userId,
      details: { login: row.login },
      ip,
      at,
    });
    return loadUser(tx, actor.establishmentId, userId, schoolYear);
  });
}
