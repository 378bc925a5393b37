import type { PasswordHandover, User, UserPasswordResetResponse } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { clearFailures, deleteUserSessions } from '../auth/auth.repository.ts';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import { loginUrl } from '../establishments/new-accounts.ts';
import { enqueueMail } from '../mail/mail.repository.ts';
import { assertEstablishmentReady } from '../settings/settings.usecases.ts';
import { currentSchoolYear, loadUser } from './users.admin.usecases.ts';
import { findEstablishmentById } from '../establishments/establishments.repository.ts';
import { setTemporaryPassword, updateAccount } from './accounts.repository.ts';
import * as repo from './users.admin.repository.ts';
import { passwordResetMails } from './users.mails.ts';

/** The login lockout key of auth.usecases.ts: a reset also lifts a lockout. */
export const lockoutKey = (establishmentId: string, login: string) => `account:${establishmentId}:${login}`;

/**
 * « Réinitialiser le mot de passe » (docs/guide.md §3.2.2): a random password, forced to change, and
 * every session ends. By mail (two mails: login, then password; needs the user's e-mail and the
 * establishment's name and e-mail) or returned once, to show and print as a letter. Without
 * `delivery`: by mail when an e-mail is known, else for a letter.
 */
export async function resetUserPassword(deps: Deps, ctx: RequestContext, userId: string, delivery?: PasswordHandover): Promise<UserPasswordResetResponse> {
  const { actor, ip } = ctx;
  const row = await repo.findUserRow(deps.db, actor.establishmentId, userId);
  if (!row) throw notFound('users.not_found');
  if (row.hidden_at) throw conflict('users.hidden');
  const handover = delivery ?? (row.email ? 'mail' : 'letter');
  if (handover === 'mail' && !row.email) throw conflict('users.no_email');
  const establishment = handover === 'mail' ? await assertEstablishmentReady(deps.db, actor.establishmentId) : await findEstablishmentById(deps.db, actor.establishmentId);
  if (!establishment) throw notFound();
  const password = randomPassword(10);
  const passwordHash = await hashPassword(password);
  const at = nowIso(ctx.at);
  const url = loginUrl(deps, establishment.uai);
  const email = handover === 'mail' ? row.email : null;
  let mailsQueued = 0;
  await inTransaction(deps.db, async (tx) => {
    await setTemporaryPassword(tx, actor.establishmentId, userId, passwordHash, handover, at);
    await deleteUserSessions(tx, userId);
    await clearFailures(tx, lockoutKey(actor.establishmentId, row.login));
    if (email) {
      for (const m of passwordResetMails({
        establishmentName: establishment.name,
        loginUrl: url,
        login: row.login,
        password,
        firstName: row.first_name,
        lastName: row.last_name,
      })) {
        await enqueueMail(tx, { establishmentId: actor.establishmentId, to: email, ...m }, at);
        mailsQueued++;
      }
    }
    await recordAudit(tx, {
      establishmentId: actor.establishmentId,
      actorId: actor.id,
      action: 'users.password_reset',
      targetType: 'user',
      targetId: userId,
      details: { login: row.login, email, delivery: handover },
      ip,
      at,
    });
  });
  return email ? { delivery: 'mail', email, mailsQueued } : { delivery: 'letter', login: row.login, temporaryPassword: password, loginUrl: url };
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
