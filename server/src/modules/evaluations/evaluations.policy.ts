import type { Profile } from '@cerise/common';

/**
 * Who may do what with an evaluation. Pure: the facts come from the use cases.
 *
 * - edit (definition, results, comments): its author and the co-authors the author added;
 * - read the whole grid: also the other teachers who teach one of its learners this school year,
 *   and the establishment's administrators;
 * - a learner reads only an evaluation made visible that includes them, and only their own
 *   results and comment; a parent the same for their children.
 *
 * Anyone else gets 404 (existence does not leak). A teacher who may read but not edit gets 403
 * `evaluations.read_only` on a change: they already know the evaluation exists.
 */

export type Actor = { id: string; profiles: readonly Profile[] };

export type EvaluationFacts = {
  authorId: string;
  isCoauthor: boolean;
  /** The actor teaches at least one of its learners this school year. */
  teachesALearner: boolean;
};

export type Decision = { allowed: true; canEdit: boolean; isAuthor: boolean } | { allowed: false; status: 403 | 404; code: string };

const notFound: Decision = { allowed: false, status: 404, code: 'evaluations.not_found' };

export function canReadEvaluation(actor: Actor, f: EvaluationFacts): Decision {
  const isTeacher = actor.profiles.includes('teacher');
  const isAuthor = isTeacher && f.authorId === actor.id;
  const editor = isAuthor || (isTeacher && f.isCoauthor);
  if (editor) return { allowed: true, canEdit: true, isAuthor };
  if ((isTeacher && f.teachesALearner) || actor.profiles.includes('administrator')) return { allowed: true, canEdit: false, isAuthor: false };
  return notFound;
}

export function canEditEvaluation(actor: Actor, f: EvaluationFacts): Decision {
  const read = canReadEvaluation(actor, f);
  if (!read.allowed) return read;
  if (!read.canEdit) return { allowed: false, status: 403, code: 'evaluations.read_only' };
  return read;
}

/** Choosing co-authors and deleting: the author only. */
export function canManageEvaluation(actor: Actor, f: EvaluationFacts): Decision {
  const edit = canEditEvaluation(actor, f);
  if (!edit.allowed) return edit;
  if (!edit.isAuthor) return { allowed: false, status: 403, code: 'evaluations.author_only' };
  return edit;
}

export type LearnerViewFacts = {
  isSelf: boolean;
  isGuardian: boolean;
  isVisible: boolean;
  includesLearner: boolean;
};

/** A learner's (or their parent's) view of one evaluation: visible, and the learner is in it. */
export function canReadAsLearnerSide(actor: Actor, f: LearnerViewFacts): boolean {
  const related = (f.isSelf && actor.profiles.includes('learner')) || (f.isGuardian && actor.profiles.includes('parent'));
  return related && f.isVisible && f.includesLearner;
}
