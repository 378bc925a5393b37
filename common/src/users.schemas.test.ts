import { describe, expect, it } from 'vitest';
import { BirthDateSchema, CreateUserRequestSchema, foldSearchText, matchesSearch, OptionalEmailSchema, UpdateUserRequestSchema } from './users.schemas.ts';

describe('user contracts', () => {
  it('folds names for searching: accents, case, apostrophes, symbols', () => {
    expect(foldSearchText("  N'Diaye LEFÈVRE-Œillet ")).toBe('ndiaye lefevre oeillet');
    expect(foldSearchText('jp.martin')).toBe('jp martin');
    expect(matchesSearch('lefevre noe', ['LEFÈVRE', 'Noé', 'noe.lefevre'])).toBe(true);
    expect(matchesSearch('NDIAYE', ["N'DIAYE", 'Chloé', 'chloe.ndiaye'])).toBe(true);
    expect(matchesSearch('martin eric', ['LEFÈVRE', 'Noé', 'noe.lefevre'])).toBe(false);
    expect(matchesSearch('   ', ['x'])).toBe(true);
  });

  it('takes an empty e-mail as none, and refuses a malformed one', () => {
    expect(OptionalEmailSchema.parse('')).toBeNull();
    expect(OptionalEmailSchema.parse(null)).toBeNull();
    expect(OptionalEmailSchema.parse(' a@b.fr ')).toBe('a@b.fr');
    expect(OptionalEmailSchema.safeParse('a@').success).toBe(false);
  });

  it('accepts real calendar days from 1900 on', () => {
    expect(BirthDateSchema.safeParse('2008-02-29').success).toBe(true);
    for (const bad of ['2009-02-29', '1899-12-31', '05/04/2009', '2009-4-5']) expect(BirthDateSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('fills in the creation form defaults and cleans names', () => {
    const parsed = CreateUserRequestSchema.parse({ lastName: '  Le   Goff ', firstName: 'Yann', profiles: ['teacher'] });
    expect(parsed).toEqual({ civility: null, lastName: 'Le Goff', firstName: 'Yann', birthDate: null, email: null, profiles: ['teacher'], classIds: [], discipline: null, allowDuplicate: false });
    expect(CreateUserRequestSchema.safeParse({ lastName: 'A\u0007', firstName: 'B', profiles: ['teacher'] }).success).toBe(false);
  });

  it('needs the version on every edit', () => {
    expect(UpdateUserRequestSchema.safeParse({ lastName: 'X' }).success).toBe(false);
    expect(UpdateUserRequestSchema.parse({ version: 3, email: '' })).toEqual({ version: 3, email: null });
  });
});
