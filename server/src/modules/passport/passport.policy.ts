import type { Profile } from '@cerise/common';
import { canActAsTeacherOf, canReadLearner, type Decision, type LearnerRelation } from '../relations/learner-access.policy.ts';

/**
 * Who may do what with a learner's passport, on top of the learner-access policy:
 * - read: the learner, their parents (read-only), their teachers this school year, administrators;
 * - write (create, modify, delete situations and attachments): the learner alone;
 * - review (review, block/unblock a competency, adjust complexities and hazards): their teachers.
 * Anything else is refused, and the use cases answer 404 so existence does not leak.
 */
export type PassportAction = 'read' | 'write' | 'review';

export function passportDecision(actor: { profiles: readonly Profile[] }, relation: LearnerRelation, action: PassportAction): Decision {
  if (action === 'read') return canReadLearner(actor, relation);
  if (action === 'review') return canActAsTeacherOf(actor, relation);
  if (relation.isSelf && actor.profiles.includes('learner')) return { allowed: true, as: 'self' };
  return { allowed: false, reason: 'not_the_learner' };
}

/** A read by someone other than the learner goes to the audit log (RGPD). */
export function readIsAudited(actorId: string, learnerId: string): boolean {
  return actorId !== learnerId;
}
