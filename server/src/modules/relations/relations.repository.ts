import type { DbOrTx } from '../../db/schema.ts';

/**
 * The relations between people that the teaching modules' policies rest on (docs/design.md §4):
 * a teacher *teaches* a learner in a school year, through a division or a group (STSWEB
 * services ↔ SIECLE memberships); a parent *has* a child (legal responsibility 1 or 2).
 * Every query is scoped to the establishment.
 */

export type YearScope = { establishmentId: string; schoolYear: string };

/** The memberships of the learners a teacher's teachings of that school year reach (division or group). */
function taughtMemberships(db: DbOrTx, scope: YearScope, teacherId: string) {
  return db
    .selectFrom('teachings as t')
    .innerJoin('memberships as m', (join) =>
      join
        .onRef('m.school_year', '=', 't.school_year')
        .onRef('m.establishment_id', '=', 't.establishment_id')
        .on((eb) => eb.or([eb('m.division_id', '=', eb.ref('t.division_id')), eb('m.group_id', '=', eb.ref('t.group_id'))])),
    )
    .where('t.establishment_id', '=', scope.establishmentId)
    .where('t.school_year', '=', scope.schoolYear)
    .where('t.teacher_id', '=', teacherId);
}

/** Whether `teacherId` teaches `learnerId` in that school year (division or group in common). */
export async function teaches(db: DbOrTx, scope: YearScope, teacherId: string, learnerId: string): Promise<boolean> {
  const row = await taughtMemberships(db, scope, teacherId).select('t.id').where('m.learner_id', '=', learnerId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The ids of the learners `teacherId` teaches in that school year. */
export async function learnersTaughtBy(db: DbOrTx, scope: YearScope, teacherId: string): Promise<string[]> {
  const rows = await taughtMemberships(db, scope, teacherId).select('m.learner_id').distinct().execute();
  return rows.map((r) => r.learner_id);
}

/** Whether `parentId` is a legal guardian (level 1 or 2) of `learnerId`. */
export async function isGuardianOf(db: DbOrTx, establishmentId: string, parentId: string, learnerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('guardians')
    .select('id')
    .where('establishment_id', '=', establishmentId)
    .where('parent_id', '=', parentId)
    .where('learner_id', '=', learnerId)
    .where('level', 'in', [1, 2])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A parent's children with an active account, by last then first name. */
export async function childrenOf(db: DbOrTx, establishmentId: string, parentId: string) {
  return db
    .selectFrom('guardians as g')
    .innerJoin('users as u', 'u.id', 'g.learner_id')
    .select(['u.id', 'u.login', 'u.last_name', 'u.first_name', 'u.civility'])
    .where('g.establishment_id', '=', establishmentId)
    .where('g.parent_id', '=', parentId)
    .where('g.level', 'in', [1, 2])
    .where('u.hidden_at', 'is', null)
    .where('u.is_learner', '=', 1)
    .orderBy('u.last_name')
    .orderBy('u.first_name')
    .execute();
}

/** A learner of the establishment (hidden ones included: their evidence stays), or undefined. */
export async function findLearner(db: DbOrTx, establishmentId: string, learnerId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'last_name', 'first_name', 'civility', 'hidden_at'])
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', learnerId)
    .where('is_learner', '=', 1)
    .executeTakeFirst();
}
