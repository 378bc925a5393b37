import type { RequestContext } from '../../context.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { canEditEvaluation, canManageEvaluation, canReadEvaluation, type Decision, type EvaluationFacts } from './evaluations.policy.ts';
import * as repo from './evaluations.repository.ts';

/** The facts the policy decides on, gathered for this actor and this evaluation. */
async function factsFor(db: DbOrTx, ctx: RequestContext, e: repo.EvaluationRow): Promise<EvaluationFacts> {
  const actorId = ctx.actor.id;
  const isTeacher = ctx.actor.profiles.includes('teacher');
  const isCoauthor = isTeacher && e.author_id !== actorId ? await repo.isCoauthor(db, e.id, actorId) : false;
  let teachesALearner = false;
  if (isTeacher && e.author_id !== actorId && !isCoauthor) {
    const schoolYear = await activeSchoolYear(db, ctx.establishmentId, ctx.at);
    teachesALearner = await repo.teachesALearnerOf(db, { establishmentId: ctx.establishmentId, schoolYear }, e.id, actorId);
  }
  return { authorId: e.author_id, isCoauthor, teachesALearner };
}

const LEVELS = { read: canReadEvaluation, edit: canEditEvaluation, manage: canManageEvaluation } as const;

/**
 * The evaluation when the actor may read / edit / manage it; otherwise 404 (not theirs) or 403
 * (they may read it but not change it).
 */
export async function evaluationFor(
  db: DbOrTx,
  ctx: RequestContext,
  id: string,
  need: keyof typeof LEVELS,
): Promise<{ evaluation: repo.EvaluationRow; decision: Extract<Decision, { allowed: true }> }> {
  const evaluation = await repo.findEvaluation(db, ctx.establishmentId, id);
  if (!evaluation) throw new AppError(404, 'evaluations.not_found');
  const decision = LEVELS[need](ctx.actor, await factsFor(db, ctx, evaluation));
  if (!decision.allowed) throw new AppError(decision.status, decision.code);
  return { evaluation, decision };
}
