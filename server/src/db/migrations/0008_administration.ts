import { sql, type Kysely } from 'kysely';

/*
 * Administration (docs/design.md §4, « état du mot de passe »): how the temporary password in
 * force was handed over — `mail`, `letter` (PDF or printable page), `screen` (shown once),
 * `import` (the import report). NULL when no temporary password is in force (birth date, or a
 * password the user chose). With `password_hash`, `initial_password_kind` and
 * `must_change_password`, it tells which password works (users.password-state.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('password_delivery', 'text', (c) => c.modifyEnd(sql`check (password_delivery in ('mail', 'letter', 'screen', 'import'))`))
    .execute();
  // Existing accounts, from what the code paths did before: a hashed temporary password was mailed
  // when an address was known, else shown once; a random initial secret came from an import
  // (never touched since) or an Accès letter.
  await db
    .updateTable('users')
    .set({ password_delivery: sql`case when email is null then 'screen' else 'mail' end` })
    .where('password_hash', 'is not', null)
    .where('must_change_password', '=', 1)
    .execute();
  await db
    .updateTable('users')
    .set({ password_delivery: sql`case when source = 'siecle' and updated_at = created_at then 'import' else 'letter' end` })
    .where('password_hash', 'is', null)
    .where('initial_password_kind', '=', 'random')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('password_delivery').execute();
}
