import { describe, expect, it } from 'vitest';
import { canChangeScenario, canReadScenario } from './scenarios.policy.ts';

const author = { id: 'u1', establishmentId: 'e1', profiles: ['teacher'] as const };
const colleague = { id: 'u2', establishmentId: 'e1', profiles: ['teacher'] as const };
const admin = { id: 'u3', establishmentId: 'e1', profiles: ['administrator'] as const };
const elsewhere = { id: 'u4', establishmentId: 'e2', profiles: ['teacher'] as const };
const privateOne = { establishment_id: 'e1', author_id: 'u1', is_private: 1 as const };
const publicOne = { ...privateOne, is_private: 0 as const };

describe('scenarios policy', () => {
  it('lets the author read and change their scenario, private or public', () => {
    for (const s of [privateOne, publicOne]) {
      expect(canReadScenario(author, s).allowed).toBe(true);
      expect(canChangeScenario(author, s).allowed).toBe(true);
    }
  });
  it('hides a private scenario from everyone else (404)', () => {
    for (const actor of [colleague, admin, elsewhere]) {
      expect(canReadScenario(actor, privateOne)).toMatchObject({ allowed: false, status: 404 });
      expect(canChangeScenario(actor, privateOne)).toMatchObject({ allowed: false, status: 404 });
    }
  });
  it('lets colleagues read a public scenario but not change it (403)', () => {
    expect(canReadScenario(colleague, publicOne).allowed).toBe(true);
    expect(canChangeScenario(colleague, publicOne)).toMatchObject({ allowed: false, status: 403, reason: 'not_author' });
    expect(canReadScenario(elsewhere, publicOne)).toMatchObject({ allowed: false, status: 404 });
    expect(canReadScenario(admin, publicOne)).toMatchObject({ allowed: false, status: 404 });
  });
});
