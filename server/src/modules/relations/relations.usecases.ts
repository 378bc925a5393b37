import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { canActAsTeacherOf, canReadLearner, type LearnerRelation } from './learner-access.policy.ts';
import { findLearner, isGuardianOf, teaches } from './relations.repository.ts';

/** The facts the learner-access policy decides on, for this actor and this learner. */
export async function relationTo(deps: Deps, ctx: RequestContext, learnerId: string): Promise<LearnerRelation> {
  const schoolYear = await activeSchoolYear(deps.db, ctx.establishmentId, ctx.at);
  const scope = { establishmentId: ctx.establishmentId, schoolYear };
  const { actor } = ctx;
  return {
    isSelf: actor.id === learnerId,
    isGuardian: actor.profiles.includes('parent') ? await isGuardianOf(deps.db, ctx.establishmentId, actor.id, learnerId) : false,
    teachesThisYear: actor.profiles.includes('teacher') ? await teaches(deps.db, scope, actor.id, learnerId) : false,
  };
}

/**
 * The learner, when this actor may read their data; otherwise 404 (`code`), so that neither a
 * learner of another establishment nor one the actor has no link with can be told apart from one
 * that does not exist.
 */
export async function learnerReadableBy(deps: Deps, ctx: RequestContext, learnerId: string, code = 'common.not_found') {
  const learner = await findLearner(deps.db, ctx.establishmentId, learnerId);
  if (!learner) throw notFound(code);
  const decision = canReadLearner(ctx.actor, await relationTo(deps, ctx, learnerId));
  if (!decision.allowed) throw notFound(code);
  return { learner, as: decision.as };
}

/** The learner, when this actor teaches them this school year; otherwise 404. */
export async function learnerTaughtBy(deps: Deps, ctx: RequestContext, learnerId: string, code = 'common.not_found') {
  const learner = await findLearner(deps.db, ctx.establishmentId, learnerId);
  if (!learner) throw notFound(code);
  if (!canActAsTeacherOf(ctx.actor, await relationTo(deps, ctx, learnerId)).allowed) throw notFound(code);
  return learner;
}
