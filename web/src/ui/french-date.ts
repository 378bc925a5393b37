import type { DateStringValue } from '@mantine/dates';

/*
 * A date typed as jj/mm/aaaa (docs/guide.md §3.2.2). What cannot be read is never guessed: a
 * two-digit year (`12/5/75`) could be 1975 or 2075, `31/02/1975` does not exist. The field keeps
 * the text and says what is wrong.
 */

export type DateTextProblem = 'format' | 'shortYear' | 'notADate' | 'tooEarly' | 'tooLate';

export type DateTextCheck = { value: DateStringValue | null; problem: DateTextProblem | null };

const FULL = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/;
const COMPACT = /^(\d{2})(\d{2})(\d{4})$/;
const SHORT_YEAR = /^\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{2}$|^\d{6}$/;

/** `14/03/2010`, `14-03-2010`, `14.03.2010`, `14/3/2010` or `14032010` → `2010-03-14`; anything else → null. */
export function parseFrenchDate(input: string): DateStringValue | null {
  const m = FULL.exec(input.trim()) ?? COMPACT.exec(input.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** What a typed text means: a date (ISO), nothing (empty), or why it is not a date. */
export function checkFrenchDate(input: string, bounds: { minDate?: string | undefined; maxDate?: string | undefined } = {}): DateTextCheck {
  const s = input.trim();
  if (s === '') return { value: null, problem: null };
  const value = parseFrenchDate(s);
  if (value === null) {
    if (SHORT_YEAR.test(s)) return { value: null, problem: 'shortYear' };
    return { value: null, problem: FULL.test(s) || COMPACT.test(s) ? 'notADate' : 'format' };
  }
  if (bounds.minDate && value < bounds.minDate) return { value: null, problem: 'tooEarly' };
  if (bounds.maxDate && value > bounds.maxDate) return { value: null, problem: 'tooLate' };
  return { value, problem: null };
}

/** `2010-03-14` → `14/03/2010`. */
export function isoToFrench(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
