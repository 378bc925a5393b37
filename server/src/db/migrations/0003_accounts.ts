import { sql, type Kysely } from 'kysely';

/*
 * Account administration: single-use password reset links ("Mot de passe oublié"),
 * and the indexes that the administration screens read by (audit log per person, mail outbox
 * per establishment, teachers per division). Only 'text' and 'integer' columns.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('password_reset_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // SHA-256 (hex) of the token sent by mail: the database never holds a usable link.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique().modifyEnd(sql`check (length(token_hash) = 64)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('password_reset_tokens_user').on('password_reset_tokens').columns(['user_id', 'created_at']).execute();

  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_id', 'at']).execute();
  await db.schema.createIndex('mail_outbox_establishment').on('mail_outbox').columns(['establishment_id', 'created_at']).execute();
  await db.schema.createIndex('teachings_division').on('teachings').column('division_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const index of ['teachings_division', 'mail_outbox_establishment', 'audit_log_target', 'audit_log_actor']) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  await db.schema.dropTable('password_reset_tokens').ifExists().execute();
}
