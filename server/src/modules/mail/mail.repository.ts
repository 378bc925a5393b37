import type { DbOrTx } from '../../db/schema.ts';
import { newId } from '../../util/ids.ts';

export type OutgoingMail = {
  establishmentId: string | null;
  to: string;
  subject: string;
  text: string;
  kind: string;
  /** Put in the text at SECRET_PLACEHOLDER when sending only (mail.secrets.ts). */
  secret?: string | null;
};

/** Queues a mail, in the caller's transaction: it goes out only if the change commits. */
export async function enqueueMail(db: DbOrTx, mail: OutgoingMail, at: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('mail_outbox')
    .values({
      id,
      establishment_id: mail.establishmentId,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      secret: mail.secret ?? null,
      kind: mail.kind,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      created_at: at,
      sent_at: null,
    })
    .execute();
  return id;
}

export function listDueMails(db: DbOrTx, nowIso: string, limit: number) {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Claims a mail by bumping its next attempt: two dispatchers never send the same mail at once. */
export async function claimMail(db: DbOrTx, id: string, expectedNext: string, leaseUntil: string): Promise<boolean> {
  const res = await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', expectedNext)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markSent(db: DbOrTx, id: string, at: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ status: 'sent', sent_at: at, attempts: eb('attempts', '+', 1), last_error: null, secret: null }))
    .where('id', '=', id)
    .execute();
}

export async function markRetry(db: DbOrTx, id: string, attempts: number, next: string, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ attempts, next_attempt_at: next, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

export function listMails(db: DbOrTx, establishmentId: string, opts: { limit: number; offset: number }) {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'text_body', 'kind', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
    .where('establishment_id', '=', establishmentId)
    .orderBy('created_at', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}
