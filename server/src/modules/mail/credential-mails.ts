import type { DbOrTx } from '../../db/schema.ts';
import { enqueueMail } from './mail.repository.ts';
import { credentialMails } from './mail.templates.ts';

/** Queues the two mails of a new account's credentials (login, then password); resolves to how many. */
export async function queueCredentialMails(
  db: DbOrTx,
  p: { establishmentId: string; establishmentName: string; to: string; loginUrl: string; login: string; password: string; firstName: string; lastName: string; at: string },
): Promise<number> {
  const mails = credentialMails(p);
  for (const m of mails) await enqueueMail(db, { establishmentId: p.establishmentId, to: p.to, ...m }, p.at);
  return mails.length;
}
