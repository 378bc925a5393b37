import type { Expression, SqlBool } from 'kysely';
import type { Db, DbOrTx, Tx } from '../../db/schema.ts';
import { toCount } from '../../db/dialect.ts';
import { dateMatches, titleMatches } from './evaluations.repository.ts';

/** One short transaction (SQLite has one writer): the use cases open theirs through this. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

export async function scenarioExists(db: DbOrTx, establishmentId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('scenarios').select('id').where('establishment_id', '=', establishmentId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export type ListFilter = {
  establishmentId: string;
  /** Teachers: their own and co-authored evaluations; administrators (null): all. */
  editorId: string | null;
  title?: string | undefined;
  date?: string | undefined;
  classId?: string | undefined;
  page: number;
  pageSize: number;
};

/** « Mes évaluations »: newest first, filtered and paged in SQL. */
export async function listEvaluations(db: DbOrTx, f: ListFilter) {
  let q = db.selectFrom('evaluations as e').where('e.establishment_id', '=', f.establishmentId);
  if (f.editorId !== null) {
    const editor = f.editorId;
    q = q.where((eb) =>
      eb.or([
        eb('e.author_id', '=', editor),
        eb.exists(eb.selectFrom('evaluation_coauthors as c').select('c.id').whereRef('c.evaluation_id', '=', 'e.id').where('c.teacher_id', '=', editor)),
      ]),
    );
  }
  const filters: Expression<SqlBool>[] = [...titleMatches('e.title', f.title), ...dateMatches('e.evaluated_on', f.date)];
  if (filters.length > 0) q = q.where((eb) => eb.and(filters));
  if (f.classId) {
    const classId = f.classId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('evaluation_learners as el')
          .innerJoin('memberships as m', (j) => j.onRef('m.learner_id', '=', 'el.learner_id').onRef('m.school_year', '=', 'e.school_year'))
          .select('el.id')
          .whereRef('el.evaluation_id', '=', 'e.id')
          .where((w) => w.or([w('m.division_id', '=', classId), w('m.group_id', '=', classId)])),
      ),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin('users as a', 'a.id', 'e.author_id')
    .select((eb) => [
      'e.id',
      'e.title',
      'e.evaluated_on',
      'e.is_visible',
      'e.version',
      'e.author_id',
      'e.school_year',
      'a.login',
      'a.last_name',
      'a.first_name',
      eb.selectFrom('evaluation_learners as x').select((s) => s.fn.countAll().as('n')).whereRef('x.evaluation_id', '=', 'e.id').as('learner_count'),
      eb.selectFrom('evaluation_competencies as x').select((s) => s.fn.countAll().as('n')).whereRef('x.evaluation_id', '=', 'e.id').as('competency_count'),
      eb.selectFrom('results as x').select((s) => s.fn.countAll().as('n')).whereRef('x.evaluation_id', '=', 'e.id').as('result_count'),
    ])
    .orderBy('e.evaluated_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: toCount(total.n), rows };
}

/** The classes and groups of the evaluations' learners (evaluation id → codes). */
export async function classCodesOfEvaluations(db: DbOrTx, ids: readonly string[]) {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('evaluation_learners as el')
    .innerJoin('evaluations as e', 'e.id', 'el.evaluation_id')
    .innerJoin('memberships as m', (j) => j.onRef('m.learner_id', '=', 'el.learner_id').onRef('m.school_year', '=', 'e.school_year'))
    .leftJoin('divisions as d', 'd.id', 'm.division_id')
    .leftJoin('groups as g', 'g.id', 'm.group_id')
    .select(['el.evaluation_id', 'd.code as division', 'g.code as grp'])
    .distinct()
    .where('el.evaluation_id', 'in', [...ids])
    .execute();
  for (const r of rows) {
    const code = r.division ?? r.grp;
    if (!code) continue;
    const list = out.get(r.evaluation_id) ?? [];
    if (!list.includes(code)) list.push(code);
    out.set(r.evaluation_id, list.sort());
  }
  return out;
}

/** Ids of the evaluations (among `ids`) the teacher co-authors. */
export async function coauthoredAmong(db: DbOrTx, ids: readonly string[], teacherId: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('evaluation_coauthors').select('evaluation_id').where('evaluation_id', 'in', [...ids]).where('teacher_id', '=', teacherId).execute();
  return new Set(rows.map((r) => r.evaluation_id));
}

/** The classes and groups of a school year with their visible learners, for ticking. */
export async function classesWithLearners(db: DbOrTx, establishmentId: string, schoolYear: string) {
  const [divisions, groups, members] = await Promise.all([
    db.selectFrom('divisions').select(['id', 'code', 'label']).where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).where('hidden_at', 'is', null).orderBy('code').execute(),
    db.selectFrom('groups').select(['id', 'code', 'label']).where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).where('hidden_at', 'is', null).orderBy('code').execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.learner_id')
      .select(['m.division_id', 'm.group_id', 'u.id', 'u.login', 'u.last_name', 'u.first_name'])
      .where('m.establishment_id', '=', establishmentId)
      .where('m.school_year', '=', schoolYear)
      .where('u.hidden_at', 'is', null)
      .orderBy('u.last_name')
      .orderBy('u.first_name')
      .execute(),
  ]);
  return { divisions, groups, members };
}

export function teachingsOf(db: DbOrTx, establishmentId: string, schoolYear: string, teacherId: string) {
  return db
    .selectFrom('teachings')
    .select(['division_id', 'group_id'])
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where('teacher_id', '=', teacherId)
    .execute();
}

export function listTeachers(db: DbOrTx, establishmentId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'last_name', 'first_name'])
    .where('establishment_id', '=', establishmentId)
    .where('is_teacher', '=', 1)
    .where('hidden_at', 'is', null)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
}
