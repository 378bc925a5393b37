import { describe, expect, it } from 'vitest';
import { parseSettings, schoolYearOf } from './settings.ts';

describe('establishment settings', () => {
  it('fills in the defaults of docs/design.md §5 and §6', () => {
    const s = parseSettings('{}');
    expect(s.mastery).toMatchObject({ method: 'weighted_recent', window: 6, inProgressThreshold: 40, acquiredThreshold: 60, minEvidence: 2 });
    expect(s.ccf.readyMasteryPercent).toBeGreaterThan(s.ccf.almostReadyMasteryPercent);
    expect(s.retentionDaysAfterLeaving).toBeNull();
  });

  it('falls back to the defaults on damaged JSON', () => {
    expect(parseSettings('{not json').mastery.method).toBe('weighted_recent');
    expect(parseSettings('{"mastery":{"method":"magic"}}').mastery.method).toBe('weighted_recent');
    expect(parseSettings(null).mastery.window).toBe(6);
  });

  it('keeps valid choices', () => {
    expect(parseSettings('{"mastery":{"method":"mean"}}').mastery.method).toBe('mean');
  });

  it('names the school year from August on', () => {
    expect(schoolYearOf(new Date('2026-11-28T00:00:00Z'))).toBe('2026-2027');
    expect(schoolYearOf(new Date('2027-03-01T00:00:00Z'))).toBe('2026-2027');
    expect(schoolYearOf(new Date('2027-08-20T00:00:00Z'))).toBe('2027-2028');
  });
});
