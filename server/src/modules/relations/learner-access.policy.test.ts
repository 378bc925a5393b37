import { describe, expect, it } from 'vitest';
import { canActAsTeacherOf, canReadLearner, type LearnerRelation } from './learner-access.policy.ts';

const none: LearnerRelation = { isSelf: false, isGuardian: false, teachesThisYear: false };

describe('learner access policy', () => {
  it('lets the learner, their guardian, their teacher this year and administrators read', () => {
    expect(canReadLearner({ profiles: ['learner'] }, { ...none, isSelf: true })).toEqual({ allowed: true, as: 'self' });
    expect(canReadLearner({ profiles: ['parent'] }, { ...none, isGuardian: true })).toEqual({ allowed: true, as: 'guardian' });
    expect(canReadLearner({ profiles: ['teacher'] }, { ...none, teachesThisYear: true })).toEqual({ allowed: true, as: 'teacher' });
    expect(canReadLearner({ profiles: ['administrator'] }, none)).toEqual({ allowed: true, as: 'administrator' });
  });

  it('refuses another learner, the parent of another child and a teacher who does not teach the learner', () => {
    expect(canReadLearner({ profiles: ['learner'] }, none).allowed).toBe(false);
    expect(canReadLearner({ profiles: ['parent'] }, none).allowed).toBe(false);
    expect(canReadLearner({ profiles: ['teacher'] }, none).allowed).toBe(false);
    // A relation only counts with the matching profile.
    expect(canReadLearner({ profiles: ['teacher'] }, { ...none, isGuardian: true }).allowed).toBe(false);
  });

  it('lets only the learner\'s teachers act as their teacher', () => {
    expect(canActAsTeacherOf({ profiles: ['teacher'] }, { ...none, teachesThisYear: true }).allowed).toBe(true);
    expect(canActAsTeacherOf({ profiles: ['teacher'] }, none).allowed).toBe(false);
    expect(canActAsTeacherOf({ profiles: ['administrator'] }, none).allowed).toBe(false);
  });
});
