import { UaiSchema } from '@cerise/common/auth.schemas';
import { EstablishmentSettingsSchema } from '@cerise/common/settings';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { UsersTable } from '../../db/tables/foundation.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { profileFlags } from '../auth/auth.presenter.ts';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import { enqueueMail } from '../mail/mail.repository.ts';
import { credentialMails } from '../mail/mail.templates.ts';
import { installDefaultReferential } from '../referentials/referentials.install.ts';
import { insertAccounts } from '../users/accounts.repository.ts';
import * as repo from './establishments.repository.ts';

export const FIRST_ADMIN_LOGIN = 'administrateur';

export function loginUrl(deps: Pick<Deps, 'config'>, uai: string): string {
  return `${deps.config.publicUrl}/${uai}`;
}

/** A user row with every column, defaults filled in. */
export function newUserRow(p: Partial<UsersTable> & Pick<UsersTable, 'establishment_id' | 'login' | 'last_name' | 'first_name' | 'source'>, at: string): UsersTable {
  return {
    id: newId(),
    is_administrator: 0,
    is_teacher: 0,
    is_learner: 0,
    is_parent: 0,
    civility: null,
    birth_date: null,
    email: null,
    external_id: null,
    national_id: null,
    discipline: null,
    password_hash: null,
    initial_password_kind: null,
    initial_secret_hash: null,
    must_change_password: 0,
    password_delivery: null,
    hidden_at: null,
    left_at: null,
    last_login_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
    ...p,
  };
}

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

export async function queueCredentialMails(
  db: DbOrTx,
  p: { establishmentId: string; establishmentName: string; to: string; loginUrl: string; login: string; password: string; firstName: string; lastName: string; at: string },
): Promise<number> {
  const mails = credentialMails(p);
  for (const m of mails) await enqueueMail(db, { establishmentId: p.establishmentId, to: p.to, ...m }, p.at);
  return mails.length;
}
