import type { Expression, SqlBool } from 'kysely';
import type { DbOrTx } from '../../db/schema.ts';
import { toCount } from '../../db/dialect.ts';
import { dateMatches, titleMatches } from './evaluations.repository.ts';

/**
 * The learner side: only evaluations made visible that include the learner, and only that
 * learner's results and comment.
 */

export async function listVisibleFor(
  db: DbOrTx,
  f: { establishmentId: string; learnerId: string; title?: string | undefined; date?: string | undefined; page: number; pageSize: number },
) {
  let q = db
    .selectFrom('evaluations as e')
    .innerJoin('evaluation_learners as el', (j) => j.onRef('el.evaluation_id', '=', 'e.id').on('el.learner_id', '=', f.learnerId))
    .where('e.establishment_id', '=', f.establishmentId)
    .where('e.is_visible', '=', 1);
  const filters: Expression<SqlBool>[] = [...titleMatches('e.title', f.title), ...dateMatches('e.evaluated_on', f.date)];
  if (filters.length > 0) q = q.where((eb) => eb.and(filters));
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin('users as a', 'a.id', 'e.author_id')
    .select((eb) => [
      'e.id',
      'e.title',
      'e.evaluated_on',
      'a.id as author_id',
      'a.login',
      'a.last_name',
      'a.first_name',
      eb.selectFrom('evaluation_competencies as x').select((s) => s.fn.countAll().as('n')).whereRef('x.evaluation_id', '=', 'e.id').as('competency_count'),
      eb
        .selectFrom('results as x')
        .select((s) => s.fn.countAll().as('n'))
        .whereRef('x.evaluation_id', '=', 'e.id')
        .where('x.learner_id', '=', f.learnerId)
        .as('result_count'),
    ])
    .orderBy('e.evaluated_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: toCount(total.n), rows };
}

export function findVisibleFor(db: DbOrTx, establishmentId: string, evaluationId: string, learnerId: string) {
  return db
    .selectFrom('evaluations as e')
    .innerJoin('evaluation_learners as el', (j) => j.onRef('el.evaluation_id', '=', 'e.id').on('el.learner_id', '=', learnerId))
    .selectAll('e')
    .select(['el.comment'])
    .where('e.establishment_id', '=', establishmentId)
    .where('e.id', '=', evaluationId)
    .where('e.is_visible', '=', 1)
    .executeTakeFirst();
}

export function resultsOfLearner(db: DbOrTx, evaluationId: string, learnerId: string) {
  return db.selectFrom('results').select(['evaluation_competency_id', 'level']).where('evaluation_id', '=', evaluationId).where('learner_id', '=', learnerId).execute();
}
