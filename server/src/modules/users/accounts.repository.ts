import { insertRows } from '../../db/dialect.ts';
import type { DbOrTx, Engine } from '../../db/schema.ts';
import type { PasswordDelivery, UsersTable } from '../../db/tables/foundation.ts';
import { nameKeyMaker } from './name-keys.ts';


/**
 * The one owner of writes to `users` (accounts). Other modules (auth, account, access,
 * establishments, SIECLE import, privacy) call these functions instead of writing the table
 * themselves. Every write bumps `version`, so an editor holding an older copy gets a 409.
 */

export type AccountColumns = Partial<Omit<UsersTable, 'id' | 'establishment_id' | 'version'>>;

/** 29 columns (with the list's keys) × 300 rows stays under both engines' bound-parameter limits. */
const INSERT_CHUNK = 300;
const ID_CHUNK = 400;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * New accounts get the users list's sort and search keys (migration 0009) as they are written:
 * otherwise the first list after an import filled 16,000 of them on the main thread, then rewrote
 * as many rows (docs/performance.md). `engine`: many rows are written the engine's fastest way
 * (db/dialect.ts insertRows).
 */
export async function insertAccounts(db: DbOrTx, rows: readonly UsersTable[], engine?: Engine): Promise<void> {
  const keys = nameKeyMaker();
  await insertRows(db, engine, 'users', rows, INSERT_CHUNK, {
    columns: ['sort_key', 'search_key'],
    of: (r) => {
      const k = keys(r as UsersTable);
      return [k.sortKey, k.searchKey];
    },
  });
}

/** Updates an account whatever its version (actions, imports), and bumps the version. */
export async function updateAccount(db: DbOrTx, establishmentId: string, userId: string, set: AccountColumns): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', userId)
    .execute();
}

/** Updates an account if `version` is still current (and bumps it); returns whether it did. */
export async function updateAccountIfVersion(db: DbOrTx, establishmentId: string, userId: string, version: number, set: AccountColumns): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({ ...set, version: version + 1 })
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The user's own chosen password: the initial secret is gone, nothing left to change. */
export async function setPassword(db: DbOrTx, userId: string, passwordHash: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      initial_password_kind: null,
      initial_secret_hash: null,
      must_change_password: 0,
      password_delivery: null,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', userId)
    .execute();
}

export async function setEmail(db: DbOrTx, userId: string, email: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ email, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

export async function markLoggedIn(db: DbOrTx, userId: string, at: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

/** Back to the initial password `jjmmaaaa` (docs/design.md §4): no hashing, instant for a whole class. */
export async function resetLearnersToBirthDate(db: DbOrTx, establishmentId: string, learnerIds: readonly string[], at: string): Promise<void> {
  for (const c of chunks(learnerIds, ID_CHUNK)) {
    await db
      .updateTable('users')
      .set((eb) => ({
        password_hash: null,
        initial_password_kind: 'birthdate_ddmmyyyy',
        initial_secret_hash: null,
        must_change_password: 1,
        password_delivery: null,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('establishment_id', '=', establishmentId)
      .where('id', 'in', c)
      .execute();
  }
}

/**
 * A random temporary password, kept as a salted digest (docs/design.md §4), to change at next login;
 * `delivery` says how it was handed over (the password state of Accès and Gestion des utilisateurs).
 */
export async function setRandomInitialSecret(
  db: DbOrTx,
  establishmentId: string,
  userId: string,
  secretDigest: string,
  delivery: PasswordDelivery,
  at: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: null,
      initial_password_kind: 'random',
      initial_secret_hash: secretDigest,
      must_change_password: 1,
      password_delivery: delivery,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', userId)
    .execute();
}

/** A temporary password set by an administrator (argon2 hash), to change at next login, handed over as `delivery` says. */
export async function setTemporaryPassword(
  db: DbOrTx,
  establishmentId: string,
  userId: string,
  passwordHash: string,
  delivery: PasswordDelivery,
  at: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      initial_password_kind: null,
      initial_secret_hash: null,
      must_change_password: 1,
      password_delivery: delivery,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', userId)
    .execute();
}

/** Accounts gone from the SIECLE files: hidden and marked as left (the caller ends their sessions). */
export async function markAccountsLeft(db: DbOrTx, ids: readonly string[], at: string): Promise<void> {
  for (const c of chunks(ids, ID_CHUNK)) {
    await db
      .updateTable('users')
      .set((eb) => ({ hidden_at: at, left_at: at, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', 'in', c)
      .execute();
  }
}

/** Deletes accounts (privacy purge); the caller first deletes the rows that point to them. */
export async function deleteAccounts(db: DbOrTx, ids: readonly string[]): Promise<void> {
  for (const c of chunks(ids, ID_CHUNK)) await db.deleteFrom('users').where('id', 'in', c).execute();
}
