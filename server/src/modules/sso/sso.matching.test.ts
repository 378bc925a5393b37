import { describe, expect, it } from 'vitest';
import { buildAssertion } from './sso.attributes.ts';
import { decide, foldName, isActive, keysForScope, namesMatch, scopesToSearch, uaiAllowed, type AccountCandidate, type MatchScope } from './sso.matching.ts';
import type { MatchAccountRow } from './sso.repository.ts';

const AT = '2026-11-28T09:00:00.000Z';
const scope = (uai: string, profiles: MatchScope['providerProfiles'] = ['learner', 'parent', 'teacher']): MatchScope => ({
  establishmentId: `e-${uai}`,
  uai,
  establishmentName: `Lycée ${uai}`,
  providerId: `p-${uai}`,
  providerProfiles: profiles,
});
const account = (id: string, p: Partial<MatchAccountRow> = {}): MatchAccountRow => ({
  id,
  establishment_id: 'e-0861234A',
  login: id,
  last_name: 'Nom',
  first_name: 'Prénom',
  is_administrator: 0,
  is_teacher: 0,
  is_learner: 1,
  is_parent: 0,
  external_id: null,
  national_id: null,
  hidden_at: null,
  left_at: null,
  ...p,
});
const cand = (a: MatchAccountRow, s = scope('0861234A'), rule: AccountCandidate['rule'] = 'eleve_id'): AccountCandidate => ({ account: a, scope: s, rule });

describe('foldName', () => {
  it('folds accents, case, ligatures and separators', () => {
    expect(foldName('Éloïse-Marie')).toBe('ELOISE MARIE');
    expect(foldName("  d'Œuvray  ")).toBe('D OEUVRAY');
    expect(foldName('LEFÈVRE')).toBe(foldName('Lefevre'));
    expect(namesMatch(account('x', { last_name: 'Lefèvre', first_name: 'Hélène' }), 'LEFEVRE', 'HELENE')).toBe(true);
    expect(namesMatch(account('x', { last_name: 'Lefèvre', first_name: 'Hélène' }), 'LEFEVRE', 'HELENA')).toBe(false);
  });
});

describe('UAI checks', () => {
  it('accepts when no UAI is released, and checks every released value, upper-cased', () => {
    expect(uaiAllowed(buildAssertion('cas', 's', {}), '0861234A')).toBe(true);
    expect(uaiAllowed(buildAssertion('cas', 's', { ENTPersonStructRattachRNE: '0000001b;0861234a' }), '0861234A')).toBe(true);
    expect(uaiAllowed(buildAssertion('cas', 's', { ENTPersonStructRattachRNE: ['0000001B'] }), '0861234A')).toBe(false);
    // A vector's UAI counts as released.
    expect(uaiAllowed(buildAssertion('cas', 's', { FrEduVecteur: '1|A|B|12|0000001B' }), '0861234A')).toBe(false);
  });

  it('searches other establishments only when they configured the same IdP and the assertion names them', () => {
    const route = scope('0861234A');
    const named = scope('0000001B');
    const unnamed = scope('0000002C');
    const a = buildAssertion('cas', 's', { FrEduVecteur: ['1|A|B|12|0861234A', '1|A|B|34|0000001b'] });
    expect(scopesToSearch(route, [route, named, unnamed], a).map((s) => s.uai)).toEqual(['0861234A', '0000001B']);
  });

  it('binds unbound keys to the route (and released UAIs), vectors to their own UAI', () => {
    const a = buildAssertion('cas', 's', { ENTEleveStructRattachId: '70001', FrEduVecteur: ['2|Lefèvre|Hélène|100|0000001B', '3|X|Y|55|0000001B'] });
    expect(keysForScope(a, scope('0861234A'), true)).toEqual({ eleve: ['eleve:70001'], ine: [], sts: [], parentVectors: [] });
    expect(keysForScope(a, scope('0000001B'), false)).toEqual({
      eleve: ['eleve:55'],
      ine: [],
      sts: [],
      parentVectors: [{ eleveId: '100', lastName: 'LEFEVRE', firstName: 'HELENE' }],
    });
    const j = buildAssertion('cas', 's', { ENTPersonJointure: 'AC-ORLEANS-TOURS$1234' });
    expect(keysForScope(j, scope('0861234A'), true)).toMatchObject({ eleve: ['eleve:1234', 'resp:1234'], sts: ['sts:1234'] });
  });
});

describe('decide', () => {
  it('takes the first rule with an eligible account; several accounts → a choice', () => {
    const learner = account('l1');
    expect(decide([{ rule: 'existing', candidates: [] }, { rule: 'eleve_id', candidates: [cand(learner)] }], AT)).toEqual({ kind: 'match', candidate: cand(learner) });
    const two = decide([{ rule: 'parent_vector', candidates: [cand(account('p1', { is_parent: 1, is_learner: 0 })), cand(account('p2', { is_parent: 1, is_learner: 0 }), scope('0000001B'))] }], AT);
    expect(two.kind).toBe('choice');
  });

  it('counts the same account found twice (duplicates) once', () => {
    const a = account('l1');
    expect(decide([{ rule: 'eleve_id', candidates: [cand(a), cand(a, undefined, 'ine')] }], AT)).toMatchObject({ kind: 'match' });
  });

  it('refuses a hidden account and a learner who left, and says so', () => {
    const hidden = account('h', { hidden_at: '2026-10-01T00:00:00.000Z' });
    const left = account('l', { left_at: '2026-11-01T00:00:00.000Z' });
    expect(isActive(account('x', { left_at: '2027-07-01T00:00:00.000Z' }), AT)).toBe(true);
    expect(decide([{ rule: 'eleve_id', candidates: [cand(hidden), cand(left)] }], AT)).toEqual({ kind: 'refused', reason: 'inactive' });
  });

  it('gives way to the next rule when a link points to an account that left, and refuses a profile the provider does not serve', () => {
    const gone = account('old', { hidden_at: AT });
    const current = account('new');
    expect(decide([{ rule: 'existing', candidates: [cand(gone, undefined, 'existing')] }, { rule: 'eleve_id', candidates: [cand(current)] }], AT)).toMatchObject({
      kind: 'match',
      candidate: { account: { id: 'new' } },
    });
    const teacher = account('t', { is_learner: 0, is_teacher: 1 });
    expect(decide([{ rule: 'sts_id', candidates: [cand(teacher, scope('0861234A', ['learner']))] }], AT)).toEqual({ kind: 'refused', reason: 'profile' });
    expect(decide([], AT)).toEqual({ kind: 'refused', reason: 'unknown' });
  });

  it('keeps homonyms apart: the same names for another child are not candidates', () => {
    // guardiansOfEleve returns only the guardians of that child; names then filter them.
    const parents = [account('p1', { last_name: 'Martin', first_name: 'Paul', is_parent: 1, is_learner: 0 }), account('p2', { last_name: 'Martin', first_name: 'Pauline', is_parent: 1, is_learner: 0 })];
    expect(parents.filter((p) => namesMatch(p, foldName('MARTIN'), foldName('Paul'))).map((p) => p.id)).toEqual(['p1']);
  });
});
