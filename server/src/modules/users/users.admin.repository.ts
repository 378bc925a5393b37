import { sql } from 'kysely';
import type { Profile } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';
import type { UsersTable } from '../../db/tables/foundation.ts';
import { newId } from '../../util/ids.ts';
import { profileColumn } from './users.repository.ts';

/*
 * Gestion des utilisateurs: the queries of the administration screens (the `users list` CLI
 * keeps its own in users.repository.ts). Every query filters on the establishment.
 */

/** The columns a user row shows (never the password hash or the initial secret). */
const USER_COLUMNS = [
  'users.id',
  'users.establishment_id',
  'users.login',
  'users.is_administrator',
  'users.is_teacher',
  'users.is_learner',
  'users.is_parent',
  'users.civility',
  'users.last_name',
  'users.first_name',
  'users.birth_date',
  'users.email',
  'users.source',
  'users.discipline',
  'users.must_change_password',
  'users.initial_password_kind',
  'users.password_delivery',
  'users.hidden_at',
  'users.last_login_at',
  'users.version',
] as const;

export type UserListRow = Pick<
  UsersTable,
  | 'id'
  | 'establishment_id'
  | 'login'
  | 'is_administrator'
  | 'is_teacher'
  | 'is_learner'
  | 'is_parent'
  | 'civility'
  | 'last_name'
  | 'first_name'
  | 'birth_date'
  | 'email'
  | 'source'
  | 'discipline'
  | 'must_change_password'
  | 'initial_password_kind'
  | 'password_delivery'
  | 'hidden_at'
  | 'last_login_at'
  | 'version'
> & { has_no_password: number };

const noPassword = sql<number>`case when users.password_hash is null then 1 else 0 end`.as('has_no_password');

/** Every user of the establishment matching the profile and hidden filters (one query). */
export function listUserRows(db: DbOrTx, establishmentId: string, opts: { profile?: Profile | undefined; hidden: boolean }): Promise<UserListRow[]> {
  let q = db
    .selectFrom('users')
    .select([...USER_COLUMNS, noPassword])
    .where('users.establishment_id', '=', establishmentId)
    .where('users.hidden_at', opts.hidden ? 'is not' : 'is', null);
  if (opts.profile) q = q.where(`users.${profileColumn(opts.profile)}`, '=', 1);
  return q.execute();
}

export function findUserRow(db: DbOrTx, establishmentId: string, userId: string): Promise<UserListRow | undefined> {
  return db
    .selectFrom('users')
    .select([...USER_COLUMNS, noPassword])
    .where('users.establishment_id', '=', establishmentId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** The users a division or group concerns: its learners, its teachers, and the learners' parents. */
export async function userIdsOfClass(db: DbOrTx, establishmentId: string, classId: string, schoolYear: string): Promise<Set<string>> {
  const learners = await db
    .selectFrom('memberships')
    .select('learner_id as id')
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where((eb) => eb.or([eb('division_id', '=', classId), eb('group_id', '=', classId)]))
    .execute();
  const teachers = await db
    .selectFrom('teachings')
    .select('teacher_id as id')
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where((eb) => eb.or([eb('division_id', '=', classId), eb('group_id', '=', classId)]))
    .execute();
  const parents = await db
    .selectFrom('guardians')
    .innerJoin('memberships', 'memberships.learner_id', 'guardians.learner_id')
    .select('guardians.parent_id as id')
    .where('guardians.establishment_id', '=', establishmentId)
    .where('memberships.establishment_id', '=', establishmentId)
    .where('memberships.school_year', '=', schoolYear)
    .where((eb) => eb.or([eb('memberships.division_id', '=', classId), eb('memberships.group_id', '=', classId)]))
    .execute();
  return new Set([...learners, ...teachers, ...parents].map((r) => r.id));
}

export type ClassLink = { user_id: string; kind: 'division' | 'group'; id: string; code: string; label: string | null };

/** Divisions and groups of the school year that the given users attend (learners) or teach (teachers): two queries. */
export async function classLinksOfUsers(db: DbOrTx, establishmentId: string, userIds: string[], schoolYear: string): Promise<ClassLink[]> {
  if (userIds.length === 0) return [];
  const attended = await db
    .selectFrom('memberships')
    .leftJoin('divisions', (j) => j.onRef('divisions.id', '=', 'memberships.division_id').on('divisions.hidden_at', 'is', null))
    .leftJoin('groups', (j) => j.onRef('groups.id', '=', 'memberships.group_id').on('groups.hidden_at', 'is', null))
    .select([
      'memberships.learner_id as user_id',
      'divisions.id as division_id',
      'divisions.code as division_code',
      'divisions.label as division_label',
      'groups.id as group_id',
      'groups.code as group_code',
      'groups.label as group_label',
    ])
    .where('memberships.establishment_id', '=', establishmentId)
    .where('memberships.school_year', '=', schoolYear)
    .where('memberships.learner_id', 'in', userIds)
    .execute();
  const taught = await db
    .selectFrom('teachings')
    .leftJoin('divisions', (j) => j.onRef('divisions.id', '=', 'teachings.division_id').on('divisions.hidden_at', 'is', null))
    .leftJoin('groups', (j) => j.onRef('groups.id', '=', 'teachings.group_id').on('groups.hidden_at', 'is', null))
    .select([
      'teachings.teacher_id as user_id',
      'divisions.id as division_id',
      'divisions.code as division_code',
      'divisions.label as division_label',
      'groups.id as group_id',
      'groups.code as group_code',
      'groups.label as group_label',
    ])
    .where('teachings.establishment_id', '=', establishmentId)
    .where('teachings.school_year', '=', schoolYear)
    .where('teachings.teacher_id', 'in', userIds)
    .execute();
  const out: ClassLink[] = [];
  for (const r of [...attended, ...taught]) {
    if (r.division_id && r.division_code !== null) out.push({ user_id: r.user_id, kind: 'division', id: r.division_id, code: r.division_code, label: r.division_label });
    if (r.group_id && r.group_code !== null) out.push({ user_id: r.user_id, kind: 'group', id: r.group_id, code: r.group_code, label: r.group_label });
  }
  return out;
}

export type ChildLink = { parent_id: string; id: string; login: string; last_name: string; first_name: string; level: number };

/** The visible children of the given parents. */
export function childrenOfParents(db: DbOrTx, establishmentId: string, parentIds: string[]): Promise<ChildLink[]> {
  if (parentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('guardians')
    .innerJoin('users', 'users.id', 'guardians.learner_id')
    .select(['guardians.parent_id', 'users.id', 'users.login', 'users.last_name', 'users.first_name', 'guardians.level'])
    .where('guardians.establishment_id', '=', establishmentId)
    .where('users.establishment_id', '=', establishmentId)
    .where('guardians.parent_id', 'in', parentIds)
    .where('users.hidden_at', 'is', null)
    .execute();
}

/** Every login of the establishment, hidden accounts included (one namespace, docs/design.md §4). */
export async function allLogins(db: DbOrTx, establishmentId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('users').select('login').where('establishment_id', '=', establishmentId).execute();
  return new Set(rows.map((r) => r.login));
}

export async function loginExists(db: DbOrTx, establishmentId: string, login: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('establishment_id', '=', establishmentId).where('login', '=', login).executeTakeFirst();
  return row !== undefined;
}

export type ClassRow = { id: string; kind: 'division' | 'group'; code: string; label: string | null };

/** The divisions and groups of the school year among `ids` (others are simply absent). */
export async function findClasses(db: DbOrTx, establishmentId: string, ids: string[], schoolYear: string): Promise<ClassRow[]> {
  if (ids.length === 0) return [];
  const divisions = await db
    .selectFrom('divisions')
    .select(['id', 'code', 'label'])
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where('hidden_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
  const groups = await db
    .selectFrom('groups')
    .select(['id', 'code', 'label'])
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where('hidden_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
  return [...divisions.map((d) => ({ ...d, kind: 'division' as const })), ...groups.map((g) => ({ ...g, kind: 'group' as const }))];
}

/** The teachings of a teacher for the school year. */
export function teachingsOf(db: DbOrTx, establishmentId: string, teacherId: string, schoolYear: string) {
  return db
    .selectFrom('teachings')
    .select(['id', 'division_id', 'group_id', 'discipline'])
    .where('establishment_id', '=', establishmentId)
    .where('teacher_id', '=', teacherId)
    .where('school_year', '=', schoolYear)
    .execute();
}

export async function deleteTeachings(db: DbOrTx, establishmentId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('teachings').where('establishment_id', '=', establishmentId).where('id', 'in', ids).execute();
}

export async function insertTeachings(
  db: DbOrTx,
  p: { establishmentId: string; teacherId: string; schoolYear: string; discipline: string | null; classes: { id: string; kind: 'division' | 'group' }[] },
): Promise<void> {
  if (p.classes.length === 0) return;
  await db
    .insertInto('teachings')
    .values(
      p.classes.map((c) => ({
        id: newId(),
        establishment_id: p.establishmentId,
        school_year: p.schoolYear,
        teacher_id: p.teacherId,
        division_id: c.kind === 'division' ? c.id : null,
        group_id: c.kind === 'group' ? c.id : null,
        discipline: p.discipline,
      })),
    )
    .execute();
}

/** Divisions and groups of the school year, with their visible learners counted (two queries each). */
export async function listClassesWithCounts(db: DbOrTx, establishmentId: string, schoolYear: string) {
  const divisions = await db
    .selectFrom('divisions')
    .select(['id', 'code', 'label'])
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where('hidden_at', 'is', null)
    .execute();
  const groups = await db
    .selectFrom('groups')
    .select(['id', 'code', 'label'])
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where('hidden_at', 'is', null)
    .execute();
  const counts = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.learner_id')
    .select(['memberships.division_id', 'memberships.group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('memberships.establishment_id', '=', establishmentId)
    .where('memberships.school_year', '=', schoolYear)
    .where('users.hidden_at', 'is', null)
    .groupBy(['memberships.division_id', 'memberships.group_id'])
    .execute();
  const byClass = new Map<string, number>();
  for (const c of counts) {
    for (const key of [c.division_id, c.group_id]) if (key) byClass.set(key, (byClass.get(key) ?? 0) + Number(c.n));
  }
  return { divisions, groups, byClass };
}
