import type { DbOrTx } from '../../db/schema.ts';
import { deleteAccounts } from '../users/accounts.repository.ts';

/** Everything held about one person of an establishment (RGPD right of access). */
export async function collectPersonData(db: DbOrTx, establishmentId: string, userId: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).where('establishment_id', '=', establishmentId).executeTakeFirst();
  if (!user) return undefined;
  const [memberships, teachings, asParent, asChild, audit, mails, resetTokens] = await Promise.all([
    db
      .selectFrom('memberships')
      .leftJoin('divisions', 'divisions.id', 'memberships.division_id')
      .leftJoin('groups', 'groups.id', 'memberships.group_id')
      .select(['memberships.school_year', 'divisions.code as division', 'groups.code as group'])
      .where('memberships.learner_id', '=', userId)
      .execute(),
    db
      .selectFrom('teachings')
      .leftJoin('divisions', 'divisions.id', 'teachings.division_id')
      .leftJoin('groups', 'groups.id', 'teachings.group_id')
      .select(['teachings.school_year', 'teachings.discipline', 'divisions.code as division', 'groups.code as group'])
      .where('teachings.teacher_id', '=', userId)
      .execute(),
    db
      .selectFrom('guardians')
      .innerJoin('users', 'users.id', 'guardians.learner_id')
      .select(['users.login', 'users.last_name', 'users.first_name', 'guardians.level'])
      .where('guardians.parent_id', '=', userId)
      .execute(),
    db
      .selectFrom('guardians')
      .innerJoin('users', 'users.id', 'guardians.parent_id')
      .select(['users.login', 'users.last_name', 'users.first_name', 'guardians.level'])
      .where('guardians.learner_id', '=', userId)
      .execute(),
    db
      .selectFrom('audit_log')
      .select(['at', 'action', 'actor_id', 'target_type', 'target_id', 'details', 'ip'])
      .where('establishment_id', '=', establishmentId)
      .where((eb) => eb.or([eb('actor_id', '=', userId), eb('target_id', '=', userId)]))
      .orderBy('at')
      .execute(),
    user.email
      ? db.selectFrom('mail_outbox').select(['created_at', 'subject', 'kind', 'status', 'sent_at']).where('establishment_id', '=', establishmentId).where('to_address', '=', user.email).orderBy('created_at').execute()
      : Promise.resolve([]),
    db.selectFrom('password_reset_tokens').select(['created_at', 'expires_at', 'used_at', 'ip']).where('user_id', '=', userId).execute(),
  ]);
  return { user, memberships, teachings, children: asParent, parents: asChild, audit, mails, resetTokens };
}

/** People hidden (left) before the date, for the retention setting. */
export function listDepartedBefore(db: DbOrTx, establishmentId: string, beforeIso: string) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'left_at'])
    .where('establishment_id', '=', establishmentId)
    .where('source', '=', 'siecle')
    .where('hidden_at', 'is not', null)
    .where('left_at', 'is not', null)
    .where('left_at', '<', beforeIso)
    .execute();
}

export async function deleteUsers(db: DbOrTx, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 400) {
    const chunk = ids.slice(i, i + 400);
    await db.deleteFrom('sessions').where('user_id', 'in', chunk).execute();
    await db.deleteFrom('password_reset_tokens').where('user_id', 'in', chunk).execute();
    await deleteAccounts(db, chunk);
  }
}

export function listEstablishmentsWithSettings(db: DbOrTx) {
  return db.selectFrom('establishments').select(['id', 'uai', 'settings']).execute();
}
