import type { DbOrTx } from '../../db/schema.ts';
import { newId } from '../../util/ids.ts';

/** Visible account by login (hidden accounts cannot log in). */
export function findLoginUser(db: DbOrTx, establishmentId: string, login: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .where('login', '=', login.toLowerCase())
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
}

export function findUserById(db: DbOrTx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Failures recorded under a key since an instant: how many, the first and the last. */
export async function failureStats(db: DbOrTx, key: string, sinceIso: string): Promise<{ count: number; oldest: string | null; latest: string | null }> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest'), eb.fn.max('at').as('latest')])
    .where('key', '=', key)
    .where('at', '>=', sinceIso)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), oldest: (row?.oldest as string | null) ?? null, latest: (row?.latest as string | null) ?? null };
}

export async function countFailuresSince(db: DbOrTx, key: string, sinceIso: string): Promise<{ count: number; oldest: string | null }> {
  const { count, oldest } = await failureStats(db, key, sinceIso);
  return { count, oldest };
}

export async function recordFailure(db: DbOrTx, key: string, at: string): Promise<void> {
  await db.insertInto('login_attempts').values({ id: newId(), key, at }).execute();
}

export async function hasAttemptKey(db: DbOrTx, key: string, sinceIso: string): Promise<boolean> {
  const row = await db.selectFrom('login_attempts').select('id').where('key', '=', key).where('at', '>=', sinceIso).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Records one attempt under each key; returns the rows' ids (to take them back on success). */
export async function recordAttempts(db: DbOrTx, keys: string[], at: string): Promise<string[]> {
  const rows = keys.map((key) => ({ id: newId(), key, at }));
  await db.insertInto('login_attempts').values(rows).execute();
  return rows.map((r) => r.id);
}

export async function deleteAttempts(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('login_attempts').where('id', 'in', ids).execute();
}

/** Forgets the failures under a key, and for an account key those of each of its addresses (`<key>|ip:…`). */
export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db
    .deleteFrom('login_attempts')
    .where((eb) => eb.or([eb('key', '=', key), eb('key', 'like', `${key}|ip:%`)]))
    .execute();
}

/** Marks an address as known for an account (a successful login from it), replacing the former mark. */
export async function markKnownAddress(db: DbOrTx, key: string, at: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
  await db.insertInto('login_attempts').values({ id: newId(), key, at }).execute();
}

export async function pruneFailures(db: DbOrTx, beforeIso: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<', beforeIso).execute();
}

export async function insertSession(
  db: DbOrTx,
  s: { id: string; userId: string; establishmentId: string; now: string; expiresAt: string; ip: string | null; userAgent: string | null; ssoProviderId?: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      establishment_id: s.establishmentId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
      sso_provider_id: s.ssoProviderId ?? null,
    })
    .execute();
}

export function findSessionWithUser(db: DbOrTx, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('establishments', 'establishments.id', 'sessions.establishment_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.sso_provider_id',
      'users.id',
      'users.establishment_id',
      'users.login',
      'users.civility',
      'users.last_name',
      'users.first_name',
      'users.email',
      'users.birth_date',
      'users.is_administrator',
      'users.is_teacher',
      'users.is_learner',
      'users.is_parent',
      'users.must_change_password',
      'users.hidden_at',
      'establishments.uai',
      'establishments.name as establishment_name',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTx, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Revokes every session of a user, but the one given (password change keeps the current one). */
export async function deleteUserSessions(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

