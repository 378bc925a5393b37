import type { Profile } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';

const PROFILE_COLUMN = {
  administrator: 'is_administrator',
  teacher: 'is_teacher',
  learner: 'is_learner',
  parent: 'is_parent',
} as const;

export function profileColumn(p: Profile) {
  return PROFILE_COLUMN[p];
}

export function listUsers(db: DbOrTx, establishmentId: string, opts: { profile?: Profile; includeHidden?: boolean }) {
  let q = db.selectFrom('users').selectAll().where('establishment_id', '=', establishmentId);
  if (opts.profile) q = q.where(profileColumn(opts.profile), '=', 1);
  if (!opts.includeHidden) q = q.where('hidden_at', 'is', null);
  return q.orderBy('last_name').orderBy('first_name').orderBy('login').execute();
}

/** Division and group codes per user (learners through memberships, teachers through teachings). */
export async function classCodesByUser(db: DbOrTx, establishmentId: string) {
  const memberships = await db
    .selectFrom('memberships')
    .leftJoin('divisions', 'divisions.id', 'memberships.division_id')
    .leftJoin('groups', 'groups.id', 'memberships.group_id')
    .select(['memberships.learner_id as user_id', 'divisions.code as division', 'groups.code as group'])
    .where('memberships.establishment_id', '=', establishmentId)
    .execute();
  const teachings = await db
    .selectFrom('teachings')
    .leftJoin('divisions', 'divisions.id', 'teachings.division_id')
    .leftJoin('groups', 'groups.id', 'teachings.group_id')
    .select(['teachings.teacher_id as user_id', 'divisions.code as division', 'groups.code as group'])
    .where('teachings.establishment_id', '=', establishmentId)
    .execute();
  const out = new Map<string, { divisions: Set<string>; groups: Set<string> }>();
  for (const r of [...memberships, ...teachings]) {
    let e = out.get(r.user_id);
    if (!e) out.set(r.user_id, (e = { divisions: new Set(), groups: new Set() }));
    if (r.division) e.divisions.add(r.division);
    if (r.group) e.groups.add(r.group);
  }
  return out;
}

/** Children's logins per parent. */
export async function childrenByParent(db: DbOrTx, establishmentId: string) {
  const rows = await db
    .selectFrom('guardians')
    .innerJoin('users', 'users.id', 'guardians.learner_id')
    .select(['guardians.parent_id', 'users.login'])
    .where('guardians.establishment_id', '=', establishmentId)
    .orderBy('users.login')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.parent_id) ?? [];
    list.push(r.login);
    out.set(r.parent_id, list);
  }
  return out;
}
