import type { Kysely } from 'kysely';

/*
 * Security (docs/security.md): the secret of a mail (reset link, temporary password) is kept apart from
 * its text, which holds a placeholder; the dispatcher puts it back when sending, then drops it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('secret', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('secret').execute();
}
