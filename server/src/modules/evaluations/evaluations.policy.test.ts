import { describe, expect, it } from 'vitest';
import { canEditEvaluation, canManageEvaluation, canReadAsLearnerSide, canReadEvaluation } from './evaluations.policy.ts';

const facts = { authorId: 'a', isCoauthor: false, teachesALearner: false };
const teacher = (id: string) => ({ id, profiles: ['teacher' as const] });

describe('evaluations policy', () => {
  it('lets the author and co-authors edit; only the author manages', () => {
    expect(canEditEvaluation(teacher('a'), facts)).toEqual({ allowed: true, canEdit: true, isAuthor: true });
    expect(canEditEvaluation(teacher('b'), { ...facts, isCoauthor: true })).toEqual({ allowed: true, canEdit: true, isAuthor: false });
    expect(canManageEvaluation(teacher('b'), { ...facts, isCoauthor: true })).toMatchObject({ allowed: false, status: 403, code: 'evaluations.author_only' });
  });

  it('lets teachers of its learners and administrators read, not edit (403); others 404', () => {
    expect(canReadEvaluation(teacher('b'), { ...facts, teachesALearner: true })).toMatchObject({ allowed: true, canEdit: false });
    expect(canEditEvaluation(teacher('b'), { ...facts, teachesALearner: true })).toMatchObject({ allowed: false, status: 403 });
    expect(canReadEvaluation({ id: 'x', profiles: ['administrator'] }, facts)).toMatchObject({ allowed: true, canEdit: false });
    expect(canReadEvaluation(teacher('b'), facts)).toMatchObject({ allowed: false, status: 404 });
    // Authorship counts only with the teacher profile.
    expect(canReadEvaluation({ id: 'a', profiles: ['learner'] }, facts)).toMatchObject({ allowed: false, status: 404 });
    expect(canReadEvaluation({ id: 'p', profiles: ['parent'] }, facts)).toMatchObject({ allowed: false, status: 404 });
  });

  it('shows learners and parents only visible evaluations that include the learner', () => {
    const ok = { isSelf: true, isGuardian: false, isVisible: true, includesLearner: true };
    expect(canReadAsLearnerSide({ id: 'l', profiles: ['learner'] }, ok)).toBe(true);
    expect(canReadAsLearnerSide({ id: 'l', profiles: ['learner'] }, { ...ok, isVisible: false })).toBe(false);
    expect(canReadAsLearnerSide({ id: 'l', profiles: ['learner'] }, { ...ok, includesLearner: false })).toBe(false);
    expect(canReadAsLearnerSide({ id: 'p', profiles: ['parent'] }, { ...ok, isSelf: false, isGuardian: true })).toBe(true);
    expect(canReadAsLearnerSide({ id: 'p', profiles: ['parent'] }, { ...ok, isSelf: false })).toBe(false);
    expect(canReadAsLearnerSide({ id: 't', profiles: ['teacher'] }, { ...ok, isSelf: false, isGuardian: true })).toBe(false);
  });
});
