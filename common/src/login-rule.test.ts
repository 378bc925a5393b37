import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOGIN_FALLBACK, LOGIN_MAX_LENGTH, LOGIN_PATTERN, allocateLogin, baseLogin, cutLogin, foldLoginPart } from './login-rule.ts';

describe('foldLoginPart', () => {
  it.each([
    ['Émilie', 'emilie'],
    ['FRANÇOIS', 'francois'],
    ["D'ARTAGNAN", 'dartagnan'],
    ['de La Fontaine', 'delafontaine'],
    ['Jean-François', 'jean-francois'],
    ['Jean--François', 'jean-francois'],
    ['-Anne-', 'anne'],
    ['  - Anne - Sophie -  ', 'anne-sophie'],
    ['Cœur', 'coeur'],
    ['ŒUVRAY', 'oeuvray'],
    ['Lætitia', 'laetitia'],
    ['LÆTITIA', 'laetitia'],
    ['Strauß', 'strauss'],
    ['MÜLLER', 'muller'],
    ['Noël', 'noel'],
    ['N’Diaye', 'ndiaye'],
    ['Zoé2', 'zoe2'],
    ['İbrahim', 'ibrahim'],
    ['Ñuño', 'nuno'],
    ['Søren', 'sren'],
    ['Łukasz', 'ukasz'],
    ['李', ''],
    ['***', ''],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(foldLoginPart(input)).toBe(expected);
  });
});

describe('baseLogin', () => {
  it('is prenom.nom', () => {
    expect(baseLogin('Marie', 'DUPONT')).toBe('marie.dupont');
    expect(baseLogin('Chloé', "L'HÔPITAL")).toBe('chloe.lhopital');
  });

  it('uses the initials of a compound first name when too long (docs/design.md §4 example)', () => {
    expect(baseLogin('Jean-François', 'BERNARD')).toBe('jf.bernard');
    expect(baseLogin('Marie Hélène', 'LEFEBVRE-DURAND')).toBe('mh.lefebvre-durand');
    expect(baseLogin('Anne-Marie-Louise', 'DE LA FONTAINE')).toBe('aml.delafontaine');
  });

  it('keeps a compound first name when it fits', () => {
    expect(baseLogin('Jean-Marc', 'PETIT')).toBe('jean-marc.petit');
    expect(baseLogin('Marie Claire', 'ROY')).toBe('marieclaire.roy');
  });

  it('cuts at 20 when initials are not possible or not enough', () => {
    expect(baseLogin('Maximilienne', 'DE LA ROCHEFOUCAULD')).toBe('maximilienne.delaroc');
    expect(baseLogin('Jean-Pierre', 'DE LA ROCHEFOUCAULD-LIANCOURT')).toBe('jp.delarochefoucauld');
    expect(baseLogin('Anticonstitutionnellement', 'X')).toBe('anticonstitutionnell');
  });

  it('cuts plainly at 20, as docs/design.md §4 says', () => {
    expect(baseLogin('Abcdefghijklmnopqrs', 'Dupont')).toBe('abcdefghijklmnopqrs.');
    expect(baseLogin('Marie', 'Dupont-Durand-Martin')).toBe('marie.dupont-durand-');
  });

  it('handles empty folded parts', () => {
    expect(baseLogin('***', 'Dupont')).toBe('dupont');
    expect(baseLogin('Marie', '')).toBe('marie');
    expect(baseLogin('李', '王')).toBe(LOGIN_FALLBACK);
    expect(baseLogin('', '')).toBe(LOGIN_FALLBACK);
    // Initials skip parts that fold to nothing.
    expect(baseLogin('Jean-*-François', 'DELACROIX-BERNARD')).toBe('jf.delacroix-bernard');
  });

  it('uses PRENOM as given, apostrophes and spaces vanish', () => {
    expect(baseLogin("Mohamed-El'Amine", 'Ben Salah')).toBe('me.bensalah');
  });
});

describe('cutLogin', () => {
  it('cuts plainly', () => {
    expect(cutLogin('marie.dupont', 6)).toBe('marie.');
    expect(cutLogin('marie.dupont', 7)).toBe('marie.d');
    expect(cutLogin('a-.b', 3)).toBe('a-.');
  });
});

describe('allocateLogin', () => {
  it('returns the base when free', () => {
    expect(allocateLogin('marie.dupont', () => false)).toBe('marie.dupont');
  });

  it('takes the smallest free suffix', () => {
    const taken = new Set(['marie.dupont', 'marie.dupont2', 'marie.dupont4']);
    expect(allocateLogin('marie.dupont', (l) => taken.has(l))).toBe('marie.dupont3');
  });

  it('cuts the base to make room for the suffix', () => {
    const base = 'jp.delarochefoucauld'; // 20 characters
    const taken = new Set([base]);
    expect(allocateLogin(base, (l) => taken.has(l))).toBe('jp.delarochefoucaul2');
    for (let n = 2; n <= 9; n++) taken.add(`jp.delarochefoucaul${n}`);
    expect(allocateLogin(base, (l) => taken.has(l))).toBe('jp.delarochefoucau10');
  });

  it('cuts the base plainly before the suffix', () => {
    const base = 'abcdefghijklmnopqr.t';
    expect(allocateLogin(base, (l) => l === base)).toBe('abcdefghijklmnopqr.2');
  });

  it('gives distinct logins to homonyms allocated in sequence', () => {
    const taken = new Set<string>();
    const logins = Array.from({ length: 12 }, () => {
      const l = allocateLogin(baseLogin('Marie', 'Dupont'), (x) => taken.has(x));
      taken.add(l);
      return l;
    });
    expect(logins).toEqual(['marie.dupont', ...Array.from({ length: 11 }, (_, i) => `marie.dupont${i + 2}`)]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const nameChars = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'éèêëàâäîïôöùûüçÉÈÊÀÂÎÔÙÇœŒæÆßñÑøłİı',
  ' ',
  '-',
  "'",
  '’',
  '.',
  '_',
  '*',
  '李',
  '\u0301',
  '\t',
);
const nameArb = fc.array(nameChars, { maxLength: 40 }).map((a) => a.join(''));
const anyString = fc.oneof(nameArb, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 40 }));

describe('login rule properties', () => {
  it('base logins are at most 20 characters of [a-z0-9.-], never empty, no separator at the ends', () => {
    fc.assert(
      fc.property(anyString, anyString, (first, last) => {
        const login = baseLogin(first, last);
        expect(login.length).toBeGreaterThan(0);
        expect(login.length).toBeLessThanOrEqual(LOGIN_MAX_LENGTH);
        expect(login).toMatch(/^[a-z0-9.-]+$/);
        expect(login).toMatch(LOGIN_PATTERN);
        expect(login.split('.').length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
  });

  it('fold is idempotent and only yields [a-z0-9-] without separator at the ends or doubled', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const f = foldLoginPart(s);
        expect(foldLoginPart(f)).toBe(f);
        expect(f).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('is stable on already-folded input', () => {
    const folded = fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,2}$/);
    fc.assert(
      fc.property(folded, folded, (first, last) => {
        const login = baseLogin(first, last);
        // Folding the parts again changes nothing…
        expect(baseLogin(foldLoginPart(first), foldLoginPart(last))).toBe(login);
        // …and a short one is exactly first.last.
        if (first.length + last.length + 1 <= LOGIN_MAX_LENGTH) expect(login).toBe(`${first}.${last}`);
        // A valid login is its own cut.
        expect(cutLogin(login)).toBe(login);
      }),
      { numRuns: 1000 },
    );
  });

  it('allocation never returns a taken login, respects the shape, and picks the smallest suffix', () => {
    fc.assert(
      fc.property(anyString, anyString, fc.array(fc.integer({ min: 2, max: 40 }), { maxLength: 30 }), fc.boolean(), (first, last, takenSuffixes, baseTaken) => {
        const base = baseLogin(first, last);
        const taken = new Set<string>();
        if (baseTaken) taken.add(base);
        for (const n of takenSuffixes) taken.add(cutLogin(base, LOGIN_MAX_LENGTH - String(n).length) + n);
        const login = allocateLogin(base, (l) => taken.has(l));
        expect(taken.has(login)).toBe(false);
        expect(login.length).toBeLessThanOrEqual(LOGIN_MAX_LENGTH);
        expect(login).toMatch(LOGIN_PATTERN);
        if (!baseTaken) {
          expect(login).toBe(base);
        } else {
          // Every smaller suffix was taken.
          let found = false;
          for (let k = 2; k < 100 && !found; k++) {
            const candidate = cutLogin(base, LOGIN_MAX_LENGTH - String(k).length) + k;
            if (candidate === login) found = true;
            else expect(taken.has(candidate)).toBe(true);
          }
          expect(found).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('allocating many homonyms yields distinct logins', () => {
    fc.assert(
      fc.property(anyString, anyString, fc.integer({ min: 1, max: 120 }), (first, last, count) => {
        const taken = new Set<string>();
        const base = baseLogin(first, last);
        for (let i = 0; i < count; i++) {
          const login = allocateLogin(base, (l) => taken.has(l));
          expect(taken.has(login)).toBe(false);
          expect(login.length).toBeLessThanOrEqual(LOGIN_MAX_LENGTH);
          taken.add(login);
        }
        expect(taken.size).toBe(count);
      }),
      { numRuns: 100 },
    );
  });
});
