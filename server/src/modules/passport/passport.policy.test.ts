import { describe, expect, it } from 'vitest';
import { passportDecision, readIsAudited } from './passport.policy.ts';

const none = { isSelf: false, isGuardian: false, teachesThisYear: false };

describe('passport policy', () => {
  it('lets the learner write their own passport, and nobody else', () => {
    expect(passportDecision({ profiles: ['learner'] }, { ...none, isSelf: true }, 'write').allowed).toBe(true);
    expect(passportDecision({ profiles: ['learner'] }, none, 'write').allowed).toBe(false);
    expect(passportDecision({ profiles: ['parent'] }, { ...none, isGuardian: true }, 'write').allowed).toBe(false);
    expect(passportDecision({ profiles: ['teacher'] }, { ...none, teachesThisYear: true }, 'write').allowed).toBe(false);
    expect(passportDecision({ profiles: ['administrator'] }, none, 'write').allowed).toBe(false);
  });

  it('lets the learner, their parents, their teachers and administrators read', () => {
    expect(passportDecision({ profiles: ['learner'] }, { ...none, isSelf: true }, 'read').allowed).toBe(true);
    expect(passportDecision({ profiles: ['parent'] }, { ...none, isGuardian: true }, 'read').allowed).toBe(true);
    expect(passportDecision({ profiles: ['teacher'] }, { ...none, teachesThisYear: true }, 'read').allowed).toBe(true);
    expect(passportDecision({ profiles: ['administrator'] }, none, 'read').allowed).toBe(true);
    expect(passportDecision({ profiles: ['teacher'] }, none, 'read').allowed).toBe(false);
    expect(passportDecision({ profiles: ['parent'] }, none, 'read').allowed).toBe(false);
  });

  it('lets only the learner\'s teachers review and block', () => {
    expect(passportDecision({ profiles: ['teacher'] }, { ...none, teachesThisYear: true }, 'review').allowed).toBe(true);
    expect(passportDecision({ profiles: ['teacher'] }, none, 'review').allowed).toBe(false);
    expect(passportDecision({ profiles: ['administrator'] }, none, 'review').allowed).toBe(false);
    expect(passportDecision({ profiles: ['learner'] }, { ...none, isSelf: true }, 'review').allowed).toBe(false);
  });

  it('audits reads by anyone but the learner', () => {
    expect(readIsAudited('a', 'a')).toBe(false);
    expect(readIsAudited('t', 'a')).toBe(true);
  });
});
