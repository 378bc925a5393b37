import { describe, expect, it } from 'vitest';
import { modulesForProfiles } from './profiles.ts';

describe('modulesForProfiles', () => {
  it('gives each profile the modules of the guide (§ 1.2)', () => {
    expect(modulesForProfiles(['administrator'])).toEqual(['imports', 'users', 'access', 'settings']);
    expect(modulesForProfiles(['teacher'])).toEqual(['scenarios', 'evaluations', 'passport', 'dashboard']);
    expect(modulesForProfiles(['learner'])).toEqual(['evaluations', 'passport', 'dashboard']);
    expect(modulesForProfiles(['parent'])).toEqual(['evaluations', 'passport', 'dashboard']);
    expect(modulesForProfiles([])).toEqual([]);
  });

  it('shows the union of several profiles once, in the guide order', () => {
    expect(modulesForProfiles(['teacher', 'administrator'])).toEqual(['imports', 'users', 'access', 'settings', 'scenarios', 'evaluations', 'passport', 'dashboard']);
    expect(modulesForProfiles(['learner', 'parent'])).toEqual(['evaluations', 'passport', 'dashboard']);
  });
});
