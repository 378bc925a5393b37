import type { DbOrTx } from '../../db/schema.ts';
import { toCount } from '../../db/dialect.ts';

export async function insertResetToken(
  db: DbOrTx,
  t: { id: string; establishmentId: string; userId: string; tokenHash: string; createdAt: string; expiresAt: string; ip: string | null },
): Promise<void> {
  await db
    .insertInto('password_reset_tokens')
    .values({
      id: t.id,
      establishment_id: t.establishmentId,
      user_id: t.userId,
      token_hash: t.tokenHash,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      used_at: null,
      ip: t.ip,
    })
    .execute();
}

/** Links asked for this account since `sinceIso` (the per-account limit). */
export async function countTokensSince(db: DbOrTx, userId: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('password_reset_tokens')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>=', sinceIso)
    .executeTakeFirst();
  return toCount(row?.n);
}

/** The token and what it opens: its user (same establishment) and the establishment. */
export function findTokenWithUser(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('password_reset_tokens')
    .innerJoin('users', (j) => j.onRef('users.id', '=', 'password_reset_tokens.user_id').onRef('users.establishment_id', '=', 'password_reset_tokens.establishment_id'))
    .innerJoin('establishments', 'establishments.id', 'password_reset_tokens.establishment_id')
    .select([
      'password_reset_tokens.id',
      'password_reset_tokens.expires_at',
      'password_reset_tokens.used_at',
      'users.id as user_id',
      'users.login',
      'users.birth_date',
      'users.hidden_at',
      'establishments.id as establishment_id',
      'establishments.uai',
      'establishments.name as establishment_name',
    ])
    .where('password_reset_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Uses a token once: false when it was already used (two tabs racing). */
export async function markTokenUsed(db: DbOrTx, tokenId: string, at: string): Promise<boolean> {
  const res = await db.updateTable('password_reset_tokens').set({ used_at: at }).where('id', '=', tokenId).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Every other pending link of the account stops working once one is used. */
export async function invalidateUserTokens(db: DbOrTx, userId: string, at: string): Promise<void> {
  await db.updateTable('password_reset_tokens').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** Old links (used or expired a day ago) are of no use. */
export async function pruneTokens(db: DbOrTx, beforeIso: string): Promise<void> {
  await db.deleteFrom('password_reset_tokens').where('expires_at', '<', beforeIso).execute();
}
