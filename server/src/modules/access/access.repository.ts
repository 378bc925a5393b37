import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, DbOrTx } from '../../db/schema.ts';
import type { UsersTable } from '../../db/tables/foundation.ts';

/* Accès parents, accès apprenants: the only place of this module with SQL. */

export function findDivision(db: DbOrTx, establishmentId: string, divisionId: string) {
  return db
    .selectFrom('divisions')
    .select(['id', 'code', 'label', 'school_year'])
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', divisionId)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
}

const hasNoPassword = sql<number>`case when users.password_hash is null then 1 else 0 end`.as('has_no_password');

export type AccessUserRow = Pick<
  UsersTable,
  | 'id'
  | 'login'
  | 'civility'
  | 'last_name'
  | 'first_name'
  | 'birth_date'
  | 'email'
  | 'last_login_at'
  | 'must_change_password'
  | 'initial_password_kind'
  | 'password_delivery'
> & { has_no_password: number };

const ACCESS_COLUMNS = [
  'users.id',
  'users.login',
  'users.civility',
  'users.last_name',
  'users.first_name',
  'users.birth_date',
  'users.email',
  'users.last_login_at',
  'users.must_change_password',
  'users.initial_password_kind',
  'users.password_delivery',
] as const;

/** The visible learners attending the division. */
export async function learnersOfDivision(db: DbOrTx, establishmentId: string, divisionId: string): Promise<AccessUserRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.learner_id')
    .select([...ACCESS_COLUMNS, hasNoPassword])
    .distinct()
    .where('memberships.establishment_id', '=', establishmentId)
    .where('memberships.division_id', '=', divisionId)
    .where('users.establishment_id', '=', establishmentId)
    .where('users.is_learner', '=', 1)
    .where('users.hidden_at', 'is', null)
    .execute();
}

/** « Sans classe »: visible learners with no visible division of the school year (docs/design.md §4). */
export async function learnersWithoutDivision(db: DbOrTx, establishmentId: string, schoolYear: string): Promise<AccessUserRow[]> {
  return db
    .selectFrom('users')
    .select([...ACCESS_COLUMNS, hasNoPassword])
    .where('users.establishment_id', '=', establishmentId)
    .where('users.is_learner', '=', 1)
    .where('users.hidden_at', 'is', null)
    .where((eb) => eb.not(eb.exists(inVisibleDivision(eb, establishmentId, schoolYear))))
    .execute();
}

/** How many learners « Sans classe » has (the entry of the class picker). */
export async function countLearnersWithoutDivision(db: DbOrTx, establishmentId: string, schoolYear: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('users.establishment_id', '=', establishmentId)
    .where('users.is_learner', '=', 1)
    .where('users.hidden_at', 'is', null)
    .where((eb) => eb.not(eb.exists(inVisibleDivision(eb, establishmentId, schoolYear))))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function inVisibleDivision(eb: ExpressionBuilder<Database, 'users'>, establishmentId: string, schoolYear: string) {
  return eb
    .selectFrom('memberships as m')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .select('m.id')
    .whereRef('m.learner_id', '=', 'users.id')
    .where('m.establishment_id', '=', establishmentId)
    .where('m.school_year', '=', schoolYear)
    .where('d.hidden_at', 'is', null);
}

/** The visible parents of the visible learners « Sans classe ». */
export async function parentsOfLearnersWithoutDivision(db: DbOrTx, establishmentId: string, schoolYear: string): Promise<AccessUserRow[]> {
  const learnerIds = (await learnersWithoutDivision(db, establishmentId, schoolYear)).map((l) => l.id);
  if (learnerIds.length === 0) return [];
  const out = new Map<string, AccessUserRow>();
  for (let i = 0; i < learnerIds.length; i += 400) {
    const rows = await db
      .selectFrom('users')
      .select([...ACCESS_COLUMNS, hasNoPassword])
      .where('users.establishment_id', '=', establishmentId)
      .where('users.is_parent', '=', 1)
      .where('users.hidden_at', 'is', null)
      .where('users.id', 'in', (eb) =>
        eb
          .selectFrom('guardians')
          .select('guardians.parent_id')
          .where('guardians.establishment_id', '=', establishmentId)
          .where('guardians.learner_id', 'in', learnerIds.slice(i, i + 400)),
      )
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return [...out.values()];
}

/** The visible parents of the division's visible learners. */
export async function parentsOfDivision(db: DbOrTx, establishmentId: string, divisionId: string): Promise<AccessUserRow[]> {
  return db
    .selectFrom('users')
    .select([...ACCESS_COLUMNS, hasNoPassword])
    .where('users.establishment_id', '=', establishmentId)
    .where('users.is_parent', '=', 1)
    .where('users.hidden_at', 'is', null)
    .where('users.id', 'in', (eb) =>
      eb
        .selectFrom('guardians')
        .innerJoin('memberships', 'memberships.learner_id', 'guardians.learner_id')
        .innerJoin('users as child', 'child.id', 'guardians.learner_id')
        .select('guardians.parent_id')
        .where('guardians.establishment_id', '=', establishmentId)
        .where('memberships.establishment_id', '=', establishmentId)
        .where('memberships.division_id', '=', divisionId)
        .where('child.hidden_at', 'is', null),
    )
    .execute();
}

/** A visible parent of the establishment. */
export function findParent(db: DbOrTx, establishmentId: string, parentId: string): Promise<AccessUserRow | undefined> {
  return db
    .selectFrom('users')
    .select([...ACCESS_COLUMNS, hasNoPassword])
    .where('users.establishment_id', '=', establishmentId)
    .where('users.id', '=', parentId)
    .where('users.is_parent', '=', 1)
    .where('users.hidden_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteSessionsOfUsers(db: DbOrTx, establishmentId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.deleteFrom('sessions').where('establishment_id', '=', establishmentId).where('user_id', 'in', userIds).execute();
}

export async function clearLockouts(db: DbOrTx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  // An account key also covers its per-address keys (`<key>|ip:…`, auth.throttle.ts).
  for (let i = 0; i < keys.length; i += 200) {
    const chunk = keys.slice(i, i + 200);
    await db
      .deleteFrom('login_attempts')
      .where((eb) => eb.or([eb('key', 'in', chunk), ...chunk.map((k) => eb('key', 'like', `${k}|ip:%`))]))
      .execute();
  }
}
