import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateForms, checkPassword, formatInitialPassword } from './password-policy.ts';

describe('password policy', () => {
  it('asks for 8 characters at least', () => {
    expect(checkPassword('1234567')).toBe('too_short');
    expect(checkPassword('12345678')).toBeNull();
    expect(checkPassword('x'.repeat(201))).toBe('too_long');
  });

  it('refuses the birth date in its usual forms', () => {
    for (const p of ['2009-04-05', '05042009', '05/04/2009', '05-04-2009', '20090405']) expect(checkPassword(p, '2009-04-05')).toBe('is_birth_date');
    expect(checkPassword('05042010', '2009-04-05')).toBeNull();
    expect(birthDateForms('not a date')).toEqual([]);
    expect(birthDateForms(null)).toEqual([]);
  });

  it('formats initial passwords from the birth date (docs/design.md §4)', () => {
    expect(formatInitialPassword('birthdate_iso', '1980-06-21')).toBe('1980-06-21');
    expect(formatInitialPassword('birthdate_ddmmyyyy', '2009-04-05')).toBe('05042009');
  });

  it('never accepts any form of the birth date, whatever the date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        for (const form of birthDateForms(iso)) expect(checkPassword(form, iso)).not.toBeNull();
        expect(checkPassword(formatInitialPassword('birthdate_ddmmyyyy', iso), iso)).toBe('is_birth_date');
      }),
    );
  });
});
