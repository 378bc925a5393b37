import { describe, expect, it } from 'vitest';
import { checkFrenchDate, isoToFrench, parseFrenchDate } from './french-date.ts';

describe('dates typed as jj/mm/aaaa', () => {
  it('reads the usual ways of writing a full date', () => {
    expect(parseFrenchDate('14/03/2010')).toBe('2010-03-14');
    expect(parseFrenchDate(' 14-03-2010 ')).toBe('2010-03-14');
    expect(parseFrenchDate('14.3.2010')).toBe('2010-03-14');
    expect(parseFrenchDate('14032010')).toBe('2010-03-14');
    expect(parseFrenchDate('29/02/2008')).toBe('2008-02-29');
  });

  it('says why a text is not a date, and never guesses a century', () => {
    expect(checkFrenchDate('31/02/1975')).toEqual({ value: null, problem: 'notADate' });
    expect(checkFrenchDate('29/02/2007').problem).toBe('notADate');
    expect(checkFrenchDate('12/13/1975').problem).toBe('notADate');
    expect(checkFrenchDate('00/01/1975').problem).toBe('notADate');
    expect(checkFrenchDate('12/5/75')).toEqual({ value: null, problem: 'shortYear' });
    expect(checkFrenchDate('120575').problem).toBe('shortYear');
    expect(checkFrenchDate('1975-05-12').problem).toBe('format');
    expect(checkFrenchDate('le 12 mai').problem).toBe('format');
    expect(checkFrenchDate('12/05').problem).toBe('format');
  });

  it('treats an empty text as no date, and checks the bounds', () => {
    expect(checkFrenchDate('  ')).toEqual({ value: null, problem: null });
    const bounds = { minDate: '1900-01-01', maxDate: '2026-12-03' };
    expect(checkFrenchDate('12/5/1975', bounds)).toEqual({ value: '1975-05-12', problem: null });
    expect(checkFrenchDate('31/12/1899', bounds).problem).toBe('tooEarly');
    expect(checkFrenchDate('04/12/2026', bounds).problem).toBe('tooLate');
  });

  it('writes an ISO date the French way', () => {
    expect(isoToFrench('1975-05-12')).toBe('12/05/1975');
  });
});
