import { sql } from 'kysely';
import type { Profile } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';
import type { UserListRow } from './users.admin.repository.ts';
import { profileColumn } from './users.repository.ts';

/*
 * « Gestion des utilisateurs » paged in SQL (docs/performance.md « Listes paginées en SQL »): filter,
 * search, order, count and page in the database, on the keys of migration 0009 (`sort_key`,
 * `search_key`, folded in JavaScript by users.list.usecases.ts). Every query filters on the establishment.
 */

/** The columns of migration 0009, beside the table's own row type. */
type NameKeys = { users: { sort_key: string | null; search_key: string | null } };
const withKeys = (db: DbOrTx) => db.withTables<NameKeys>();

export type UserListFilter = {
  profile?: Profile | undefined;
  hidden: boolean;
  /** Folded words ([a-z0-9]+), each to be found in the last name, first name or login. */
  words: readonly string[];
  /** A division or group of the school year: its learners, its teachers and the learners' parents. */
  classOf?: { id: string; schoolYear: string } | undefined;
};

function filtered(db: DbOrTx, establishmentId: string, f: UserListFilter) {
  let q = withKeys(db)
    .selectFrom('users')
    .where('users.establishment_id', '=', establishmentId)
    .where('users.hidden_at', f.hidden ? 'is not' : 'is', null);
  if (f.profile) q = q.where(`users.${profileColumn(f.profile)}`, '=', 1);
  for (const w of f.words) q = q.where('users.search_key', 'like', `%${w}%`);
  const c = f.classOf;
  if (c) {
    q = q.where((eb) =>
      eb.or([
        eb(
          'users.id',
          'in',
          eb
            .selectFrom('memberships')
            .select('learner_id')
            .where('memberships.establishment_id', '=', establishmentId)
            .where('memberships.school_year', '=', c.schoolYear)
            .where((m) => m.or([m('memberships.division_id', '=', c.id), m('memberships.group_id', '=', c.id)])),
        ),
        eb(
          'users.id',
          'in',
          eb
            .selectFrom('teachings')
            .select('teacher_id')
            .where('teachings.establishment_id', '=', establishmentId)
            .where('teachings.school_year', '=', c.schoolYear)
            .where((t) => t.or([t('teachings.division_id', '=', c.id), t('teachings.group_id', '=', c.id)])),
        ),
        eb(
          'users.id',
          'in',
          eb
            .selectFrom('guardians')
            .innerJoin('memberships', 'memberships.learner_id', 'guardians.learner_id')
            .select('guardians.parent_id')
            .where('guardians.establishment_id', '=', establishmentId)
            .where('memberships.establishment_id', '=', establishmentId)
            .where('memberships.school_year', '=', c.schoolYear)
            .where((m) => m.or([m('memberships.division_id', '=', c.id), m('memberships.group_id', '=', c.id)])),
        ),
      ]),
    );
  }
  return q;
}

/** The count of a list (its total); of the visible accounts, a scan of the index users_visible_list_idx alone. */
export function countQuery(db: DbOrTx, establishmentId: string, f: UserListFilter) {
  return filtered(db, establishmentId, f).select((eb) => eb.fn.countAll<number | string | bigint>().as('n'));
}

export async function countUsers(db: DbOrTx, establishmentId: string, f: UserListFilter): Promise<number> {
  return Number((await countQuery(db, establishmentId, f).executeTakeFirstOrThrow()).n);
}

/** One page, in French alphabetical order (last name, first name, login), then by id. */
export function pageOfUsers(db: DbOrTx, establishmentId: string, f: UserListFilter, offset: number, limit: number): Promise<UserListRow[]> {
  return filtered(db, establishmentId, f)
    .selectAll('users')
    .select(sql<number>`case when users.password_hash is null then 1 else 0 end`.as('has_no_password'))
    .orderBy('users.sort_key')
    .orderBy('users.id')
    .offset(offset)
    .limit(limit)
    .execute();
}

/** Accounts whose keys are missing (new, renamed, or older than migration 0009), a batch at a time. */
export function usersWithoutNameKeys(db: DbOrTx, establishmentId: string, limit: number) {
  return withKeys(db)
    .selectFrom('users')
    .select(['id', 'last_name', 'first_name', 'login'])
    .where('establishment_id', '=', establishmentId)
    .where('sort_key', 'is', null)
    .limit(limit)
    .execute();
}

/**
 * Stores the keys of a batch in one statement (UPDATE … FROM VALUES, on both engines), only where
 * the names are still those the keys were made from (a rename meanwhile leaves them empty).
 */
export async function setNameKeys(
  db: DbOrTx,
  rows: readonly { id: string; last_name: string; first_name: string; login: string; sortKey: string; searchKey: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.id}, ${r.sortKey}, ${r.searchKey}, ${r.last_name}, ${r.first_name}, ${r.login})`));
  await sql`
    update users set sort_key = v.column2, search_key = v.column3
    from (values ${values}) as v
    where users.id = v.column1 and users.last_name = v.column4 and users.first_name = v.column5 and users.login = v.column6`.execute(db);
}
