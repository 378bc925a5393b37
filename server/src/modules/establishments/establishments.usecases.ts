import { UaiSchema } from '@cerise/common/auth.schemas';
import { EstablishmentSettingsSchema } from '@cerise/common/settings';
import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { profileFlags } from '../auth/auth.presenter.ts';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import { queueCredentialMails } from '../mail/credential-mails.ts';
import { installDefaultReferential } from '../referentials/referentials.install.ts';
import { insertAccounts } from '../users/accounts.repository.ts';
import * as repo from './establishments.repository.ts';
import { loginUrl, newUserRow } from './new-accounts.ts';

export const FIRST_ADMIN_LOGIN = 'administrateur';

export type CreateEstablishmentInput = { uai: string; name: string; email?: string | undefined; adminEmail?: string | undefined };
export type CreateEstablishmentResult = {
  id: string;
  uai: string;
  name: string;
  loginUrl: string;
  admin: { login: string; initialPassword: string; email: string | null };
  mailsQueued: number;
};

/**
 * Creates an establishment with its referential and first administrator, and queues the two
 * credential mails (login, then password) when an address is known.
 */
export async function createEstablishment(deps: Deps, input: CreateEstablishmentInput): Promise<CreateEstablishmentResult> {
  const uaiParsed = UaiSchema.safeParse(input.uai);
  if (!uaiParsed.success) throw badRequest('establishments.invalid_uai');
  const uai = uaiParsed.data;
  const name = input.name.trim();
  if (!name) throw badRequest('common.validation', "Le nom de l'établissement est obligatoire.");
  const at = nowIso(deps.now());
  const password = randomPassword(12);
  const passwordHash = await hashPassword(password);
  const adminEmail = input.adminEmail?.trim() || input.email?.trim() || null;
  const id = newId();
  let mailsQueued = 0;

  await inTransaction(deps.db, async (tx) => {
    if (await repo.findEstablishmentByUai(tx, uai)) throw new AppError(409, 'establishments.uai_taken');
    await repo.insertEstablishment(tx, {
      id,
      uai,
      name,
      email: input.email?.trim() || null,
      settings: JSON.stringify(EstablishmentSettingsSchema.parse({})),
      at,
    });
    await installDefaultReferential(tx, id, at);
    const admin = newUserRow(
      {
        establishment_id: id,
        login: FIRST_ADMIN_LOGIN,
        last_name: 'Administrateur',
        first_name: 'Premier',
        source: 'manual',
        email: adminEmail,
        password_hash: passwordHash,
        must_change_password: 1,
        ...profileFlags(['administrator']),
      },
      at,
    );
    await insertAccounts(tx, [admin]);
    if (adminEmail) {
      mailsQueued = await queueCredentialMails(tx, {
        establishmentId: id,
        establishmentName: name,
        to: adminEmail,
        loginUrl: loginUrl(deps, uai),
        login: FIRST_ADMIN_LOGIN,
        password,
        firstName: admin.first_name,
        lastName: admin.last_name,
        at,
      });
    }
    await recordAudit(tx, { establishmentId: id, actorId: null, action: 'establishment.created', targetType: 'establishment', targetId: id, details: { uai, name }, at });
  });

  return { id, uai, name, loginUrl: loginUrl(deps, uai), admin: { login: FIRST_ADMIN_LOGIN, initialPassword: password, email: adminEmail }, mailsQueued };
}
