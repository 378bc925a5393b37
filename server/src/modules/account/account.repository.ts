import type { DbOrTx } from '../../db/schema.ts';

export async function setPassword(db: DbOrTx, userId: string, passwordHash: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      initial_password_kind: null,
      initial_secret_hash: null,
      must_change_password: 0,
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
