import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../db/schema.ts';
import { toCount } from '../../db/dialect.ts';
import type { EvaluationsTable } from '../../db/tables/teaching.ts';

/**
 * The evaluations' definition: the evaluation row, its co-authors, its ordered competencies with
 * their chosen complexities and hazards, its learners with their comments. Results are in
 * evaluations.results.repository.ts; the learner side in evaluations.learner.repository.ts.
 */

export type EvaluationRow = EvaluationsTable;

export function findEvaluation(db: DbOrTx, establishmentId: string, id: string) {
  return db.selectFrom('evaluations').selectAll().where('establishment_id', '=', establishmentId).where('id', '=', id).executeTakeFirst();
}

export async function insertEvaluation(db: DbOrTx, row: EvaluationRow): Promise<void> {
  await db.insertInto('evaluations').values(row).execute();
}

/** Updates the header when the version still matches; false when it moved (409). */
export async function updateEvaluationHeader(
  db: DbOrTx,
  establishmentId: string,
  id: string,
  version: number,
  set: Partial<Pick<EvaluationRow, 'title' | 'evaluated_on' | 'is_visible'>> & { updated_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('evaluations')
    .set({ ...set, version: version + 1 })
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteEvaluation(db: DbOrTx, establishmentId: string, id: string, version: number): Promise<boolean> {
  const r = await db.deleteFrom('evaluations').where('establishment_id', '=', establishmentId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function setResultsDate(db: DbOrTx, establishmentId: string, evaluationId: string, evaluatedOn: string): Promise<void> {
  await db.updateTable('results').set({ evaluated_on: evaluatedOn }).where('establishment_id', '=', establishmentId).where('evaluation_id', '=', evaluationId).execute();
}

// --- co-authors -------------------------------------------------------------------------------

export function listCoauthors(db: DbOrTx, evaluationId: string) {
  return db
    .selectFrom('evaluation_coauthors as c')
    .innerJoin('users as u', 'u.id', 'c.teacher_id')
    .select(['u.id', 'u.login', 'u.last_name', 'u.first_name'])
    .where('c.evaluation_id', '=', evaluationId)
    .orderBy('u.last_name')
    .orderBy('u.first_name')
    .execute();
}

export async function replaceCoauthors(db: DbOrTx, establishmentId: string, evaluationId: string, teacherIds: readonly string[], newId: () => string) {
  await db.deleteFrom('evaluation_coauthors').where('evaluation_id', '=', evaluationId).execute();
  if (teacherIds.length === 0) return;
  await db
    .insertInto('evaluation_coauthors')
    .values(teacherIds.map((teacher_id) => ({ id: newId(), establishment_id: establishmentId, evaluation_id: evaluationId, teacher_id })))
    .execute();
}

/** The teachers (visible accounts) of the establishment among `ids`. */
export async function findTeacherIds(db: DbOrTx, establishmentId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('establishment_id', '=', establishmentId)
    .where('id', 'in', [...ids])
    .where('is_teacher', '=', 1)
    .where('hidden_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function isCoauthor(db: DbOrTx, evaluationId: string, teacherId: string): Promise<boolean> {
  const row = await db.selectFrom('evaluation_coauthors').select('id').where('evaluation_id', '=', evaluationId).where('teacher_id', '=', teacherId).executeTakeFirst();
  return row !== undefined;
}

/** Whether the teacher teaches, in that school year, at least one learner of the evaluation. */
export async function teachesALearnerOf(db: DbOrTx, scope: { establishmentId: string; schoolYear: string }, evaluationId: string, teacherId: string) {
  const row = await db
    .selectFrom('evaluation_learners as el')
    .innerJoin('memberships as m', (j) => j.onRef('m.learner_id', '=', 'el.learner_id').on('m.school_year', '=', scope.schoolYear))
    .innerJoin('teachings as t', (j) =>
      j
        .onRef('t.school_year', '=', 'm.school_year')
        .on('t.teacher_id', '=', teacherId)
        .on((eb) => eb.or([eb('t.division_id', '=', eb.ref('m.division_id')), eb('t.group_id', '=', eb.ref('m.group_id'))])),
    )
    .select('el.id')
    .where('el.evaluation_id', '=', evaluationId)
    .where('m.establishment_id', '=', scope.establishmentId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// --- competencies and items ------------------------------------------------------------------

export function listEvaluationCompetencies(db: DbOrTx, evaluationId: string) {
  return db
    .selectFrom('evaluation_competencies as ec')
    .innerJoin('competencies as c', 'c.id', 'ec.competency_id')
    .select(['ec.id', 'ec.competency_id', 'ec.position', 'c.code', 'c.label'])
    .where('ec.evaluation_id', '=', evaluationId)
    .orderBy('ec.position')
    .execute();
}

/** The chosen complexities and hazards of an evaluation's competencies, in the referential's order. */
export async function listEvaluationItems(db: DbOrTx, evaluationId: string) {
  const base = db
    .selectFrom('evaluation_items as i')
    .innerJoin('evaluation_competencies as ec', 'ec.id', 'i.owner_id')
    .where('ec.evaluation_id', '=', evaluationId);
  const [complexities, hazards] = await Promise.all([
    base.innerJoin('complexities as x', 'x.id', 'i.complexity_id').select(['i.owner_id', 'x.id', 'x.label', 'x.position']).orderBy('x.position').execute(),
    base.innerJoin('hazards as x', 'x.id', 'i.hazard_id').select(['i.owner_id', 'x.id', 'x.label', 'x.position']).orderBy('x.position').execute(),
  ]);
  return { complexities, hazards };
}

export async function insertEvaluationCompetencies(
  db: DbOrTx,
  rows: { id: string; establishment_id: string; evaluation_id: string; competency_id: string; position: number }[],
) {
  if (rows.length > 0) await db.insertInto('evaluation_competencies').values(rows).execute();
}

export async function setCompetencyPosition(db: DbOrTx, id: string, position: number) {
  await db.updateTable('evaluation_competencies').set({ position }).where('id', '=', id).execute();
}

export async function deleteEvaluationCompetencies(db: DbOrTx, evaluationId: string, ids: readonly string[]) {
  if (ids.length > 0) await db.deleteFrom('evaluation_competencies').where('evaluation_id', '=', evaluationId).where('id', 'in', [...ids]).execute();
}

export async function replaceItems(
  db: DbOrTx,
  establishmentId: string,
  ownerIds: readonly string[],
  items: { owner_id: string; complexity_id: string | null; hazard_id: string | null }[],
  newId: () => string,
) {
  if (ownerIds.length > 0) await db.deleteFrom('evaluation_items').where('owner_id', 'in', [...ownerIds]).execute();
  if (items.length > 0) await db.insertInto('evaluation_items').values(items.map((i) => ({ ...i, id: newId(), establishment_id: establishmentId }))).execute();
}

// --- learners --------------------------------------------------------------------------------

export function listEvaluationLearners(db: DbOrTx, evaluationId: string) {
  return db
    .selectFrom('evaluation_learners as el')
    .innerJoin('users as u', 'u.id', 'el.learner_id')
    .select(['u.id', 'u.login', 'u.last_name', 'u.first_name', 'el.comment', 'el.comment_version'])
    .where('el.evaluation_id', '=', evaluationId)
    .orderBy('u.last_name')
    .orderBy('u.first_name')
    .orderBy('u.id')
    .execute();
}

/** The class and group codes of the learners, in a school year (learner id → codes). */
export async function classCodesOf(db: DbOrTx, establishmentId: string, schoolYear: string, learnerIds: readonly string[]) {
  const out = new Map<string, string[]>();
  if (learnerIds.length === 0) return out;
  const rows = await db
    .selectFrom('memberships as m')
    .leftJoin('divisions as d', 'd.id', 'm.division_id')
    .leftJoin('groups as g', 'g.id', 'm.group_id')
    .select(['m.learner_id', 'd.code as division', 'g.code as grp'])
    .where('m.establishment_id', '=', establishmentId)
    .where('m.school_year', '=', schoolYear)
    .where('m.learner_id', 'in', [...learnerIds])
    .execute();
  for (const r of rows) {
    const code = r.division ?? r.grp;
    if (!code) continue;
    const list = out.get(r.learner_id) ?? [];
    if (!list.includes(code)) list.push(code);
    out.set(r.learner_id, list);
  }
  return out;
}

export async function insertEvaluationLearners(db: DbOrTx, establishmentId: string, evaluationId: string, learnerIds: readonly string[], newId: () => string) {
  if (learnerIds.length === 0) return;
  await db
    .insertInto('evaluation_learners')
    .values(learnerIds.map((learner_id) => ({ id: newId(), establishment_id: establishmentId, evaluation_id: evaluationId, learner_id, comment: '', comment_version: 1 })))
    .execute();
}

export async function deleteEvaluationLearners(db: DbOrTx, evaluationId: string, learnerIds: readonly string[]) {
  if (learnerIds.length === 0) return;
  await db.deleteFrom('results').where('evaluation_id', '=', evaluationId).where('learner_id', 'in', [...learnerIds]).execute();
  await db.deleteFrom('evaluation_learners').where('evaluation_id', '=', evaluationId).where('learner_id', 'in', [...learnerIds]).execute();
}

export async function updateComment(db: DbOrTx, evaluationId: string, learnerId: string, comment: string, version: number): Promise<boolean> {
  const r = await db
    .updateTable('evaluation_learners')
    .set({ comment, comment_version: version + 1 })
    .where('evaluation_id', '=', evaluationId)
    .where('learner_id', '=', learnerId)
    .where('comment_version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findEvaluationLearner(db: DbOrTx, evaluationId: string, learnerId: string) {
  return db.selectFrom('evaluation_learners').select(['comment', 'comment_version']).where('evaluation_id', '=', evaluationId).where('learner_id', '=', learnerId).executeTakeFirst();
}

/** Results that would go with these learners or competencies (evaluation_competencies ids). */
export async function countResultsOf(db: DbOrTx, evaluationId: string, learnerIds: readonly string[], evaluationCompetencyIds: readonly string[]) {
  if (learnerIds.length === 0 && evaluationCompetencyIds.length === 0) return 0;
  const row = await db
    .selectFrom('results')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('evaluation_id', '=', evaluationId)
    .where((eb) => {
      const parts: Expression<SqlBool>[] = [];
      if (learnerIds.length > 0) parts.push(eb('learner_id', 'in', [...learnerIds]));
      if (evaluationCompetencyIds.length > 0) parts.push(eb('evaluation_competency_id', 'in', [...evaluationCompetencyIds]));
      return eb.or(parts);
    })
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

// --- filters shared by the lists ------------------------------------------------------------

/** `lower(column) like %word%` for each word of the filter (wildcards escaped). */
export function titleMatches(column: string, filter: string | undefined): Expression<SqlBool>[] {
  const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  return words.map((w) => sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
}

/** The date as people read it (jj/mm/aaaa) contains the typed digits. */
export function dateMatches(column: string, filter: string | undefined): Expression<SqlBool>[] {
  const typed = (filter ?? '').trim().replace(/-/g, '/').replace(/\s+/g, '');
  if (!typed) return [];
  const c = sql.ref(column);
  return [sql<SqlBool>`(substr(${c}, 9, 2) || '/' || substr(${c}, 6, 2) || '/' || substr(${c}, 1, 4)) like ${`%${typed}%`}`];
}
