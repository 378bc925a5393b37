import type { Profile } from '@cerise/common';

/**
 * Who may read a learner's teaching data (evaluations' results, passport, dashboard): the
 * learner, their parents (read-only), the teachers who teach them this school year, and the
 * establishment's administrators. Pure: the facts come from relations.usecases.ts.
 */
export type LearnerRelation = {
  isSelf: boolean;
  isGuardian: boolean;
  teachesThisYear: boolean;
};

export type Decision = { allowed: true; as: 'self' | 'guardian' | 'teacher' | 'administrator' } | { allowed: false; reason: string };

export function canReadLearner(actor: { profiles: readonly Profile[] }, relation: LearnerRelation): Decision {
  if (relation.isSelf && actor.profiles.includes('learner')) return { allowed: true, as: 'self' };
  if (relation.teachesThisYear && actor.profiles.includes('teacher')) return { allowed: true, as: 'teacher' };
  if (actor.profiles.includes('administrator')) return { allowed: true, as: 'administrator' };
  if (relation.isGuardian && actor.profiles.includes('parent')) return { allowed: true, as: 'guardian' };
  return { allowed: false, reason: 'not_related' };
}

/** Only the teachers of the learner (and administrators) act on their data (review, block). */
export function canActAsTeacherOf(actor: { profiles: readonly Profile[] }, relation: LearnerRelation): Decision {
  if (relation.teachesThisYear && actor.profiles.includes('teacher')) return { allowed: true, as: 'teacher' };
  return { allowed: false, reason: 'not_their_teacher' };
}
