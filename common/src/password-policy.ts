/** Password policy: at least 8 characters, and not the birth date in any usual form. */
export const PASSWORD_MIN_LENGTH = 8;

export type PasswordProblem = 'too_short' | 'too_long' | 'is_birth_date';

/** Forms of a birth date (ISO `aaaa-mm-jj`) a person might type as a password. */
export function birthDateForms(birthDateIso: string | null | undefined): string[] {
  if (!birthDateIso) return [];
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDateIso);
  if (!m) return [];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return [`${y}-${mo}-${d}`, `${d}${mo}${y}`, `${d}/${mo}/${y}`, `${d}-${mo}-${y}`, `${y}${mo}${d}`, `${d}.${mo}.${y}`];
}

export function checkPassword(password: string, birthDateIso?: string | null): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > 200) return 'too_long';
  if (birthDateForms(birthDateIso).includes(password.trim())) return 'is_birth_date';
  return null;
}

/** Initial password of an imported account, from its birth date (docs/design.md §4). */
export function formatInitialPassword(kind: 'birthdate_iso' | 'birthdate_ddmmyyyy', birthDateIso: string): string {
  if (kind === 'birthdate_iso') return birthDateIso;
  const [y, m, d] = birthDateIso.split('-');
  return `${d}${m}${y}`;
}
