import type { LearnerEvaluation, LearnerEvaluationListResponse } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { childrenOf, findLearner, isGuardianOf } from '../relations/relations.repository.ts';
import { canReadAsLearnerSide } from './evaluations.policy.ts';
import { presentCompetencies, presentPerson } from './evaluations.presenter.ts';
import * as repo from './evaluations.repository.ts';
import * as learnerRepo from './evaluations.learner.repository.ts';
import { findPeople } from './evaluations.results.repository.ts';

/** The people whose visible evaluations the actor sees: the learner themself, or a parent's children. */
export async function evaluationPeople(deps: Deps, ctx: RequestContext) {
  const people = [];
  if (ctx.actor.profiles.includes('learner')) {
    const self = await findLearner(deps.db, ctx.establishmentId, ctx.actor.id);
    if (self) people.push(presentPerson(self));
  }
  if (ctx.actor.profiles.includes('parent')) {
    for (const c of await childrenOf(deps.db, ctx.establishmentId, ctx.actor.id)) people.push(presentPerson(c));
  }
  return { learners: people };
}

/** The learner when the actor is them or their parent; 404 otherwise (existence does not leak). */
async function relatedLearner(deps: Deps, ctx: RequestContext, learnerId: string) {
  const learner = await findLearner(deps.db, ctx.establishmentId, learnerId);
  const isSelf = ctx.actor.id === learnerId;
  const isGuardian = !isSelf && ctx.actor.profiles.includes('parent') ? await isGuardianOf(deps.db, ctx.establishmentId, ctx.actor.id, learnerId) : false;
  if (!learner || !canReadAsLearnerSide(ctx.actor, { isSelf, isGuardian, isVisible: true, includesLearner: true })) {
    throw new AppError(404, 'evaluations.not_found');
  }
  return learner;
}

export async function listLearnerEvaluations(
  deps: Deps,
  ctx: RequestContext,
  q: { learnerId: string; title?: string | undefined; date?: string | undefined; page: number; pageSize: number },
): Promise<LearnerEvaluationListResponse> {
  await relatedLearner(deps, ctx, q.learnerId);
  const { total, rows } = await learnerRepo.listVisibleFor(deps.db, { establishmentId: ctx.establishmentId, ...q });
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      evaluatedOn: r.evaluated_on,
      author: presentPerson({ id: r.author_id, login: r.login, last_name: r.last_name, first_name: r.first_name }),
      competencyCount: Number(r.competency_count ?? 0),
      resultCount: Number(r.result_count ?? 0),
    })),
  };
}

/** One visible evaluation as the learner sees it: the competencies, their own level in each, their comment. */
export async function getLearnerEvaluation(deps: Deps, ctx: RequestContext, id: string, learnerId: string): Promise<LearnerEvaluation> {
  const learner = await relatedLearner(deps, ctx, learnerId);
  const e = await learnerRepo.findVisibleFor(deps.db, ctx.establishmentId, id, learnerId);
  if (!e) throw new AppError(404, 'evaluations.not_found');
  const [author, competencies, items, results] = await Promise.all([
    findPeople(deps.db, [e.author_id]),
    repo.listEvaluationCompetencies(deps.db, id),
    repo.listEvaluationItems(deps.db, id),
    learnerRepo.resultsOfLearner(deps.db, id, learnerId),
  ]);
  const levelOf = new Map(results.map((r) => [r.evaluation_competency_id, r.level]));
  return {
    id: e.id,
    title: e.title,
    evaluatedOn: e.evaluated_on,
    author: presentPerson(author[0]!),
    learner: presentPerson(learner),
    competencies: presentCompetencies(competencies, items).map((c) => ({ ...c, level: levelOf.get(c.id) ?? null })),
    comment: e.comment,
  };
}
