/**
 * Login rule (docs/design.md §4, docs/guide.md §3.2.2): `prenom.nom`, at most 20 characters, only `[a-z0-9.-]`.
 *
 * The rule is applied to the letter: cuts are plain cuts (a login cut at 20 may end with `.` or
 * `-`), and letters Unicode does not decompose (ø, ł, þ…) vanish like any other character outside
 * `[a-z0-9-]`. Upper-case Œ, Æ and ẞ fold like their lower-case forms.
 * Where docs/design.md §4 is silent: a first name (or last name) made only of symbols folds to `''`; the
 * login is then the other part alone (`dupont`, no dot); when both are empty it is `utilisateur`.
 */

export const LOGIN_MAX_LENGTH = 20;
/** Login used when neither the first nor the last name has a usable character. */
export const LOGIN_FALLBACK = 'utilisateur';
/** Shape of every login this module produces. */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;

const EXTRA_FOLDS: Record<string, string> = {
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  ẞ: 'ss',
};
const EXTRA_FOLDS_RE = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'g');

const FOLD_MEMO_SIZE = 20_000;
const foldMemo = new Map<string, string>();

/**
 * `fold(s)`: Unicode NFD, drop combining marks, œ→oe æ→ae ß→ss, lower case, keep only
 * `[a-z0-9-]` (spaces and apostrophes vanish), collapse repeated `-`, trim `-` at both ends.
 */
export function foldLoginPart(s: string): string {
  // An import folds 16,000 first and last names, most of them many times over (Lucas, Martin…).
  let folded = foldMemo.get(s);
  if (folded === undefined) {
    folded = fold(s);
    if (foldMemo.size >= FOLD_MEMO_SIZE) foldMemo.clear();
    foldMemo.set(s, folded);
  }
  return folded;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(EXTRA_FOLDS_RE, (c) => EXTRA_FOLDS[c] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Cut to `max` characters (docs/design.md §4: a plain cut). */
export function cutLogin(login: string, max: number = LOGIN_MAX_LENGTH): string {
  return login.slice(0, Math.max(0, max));
}

function join(first: string, last: string): string {
  if (first && last) return `${first}.${last}`;
  return first || last || LOGIN_FALLBACK;
}

/**
 * The login a new account would get before any clash: `fold(first) + "." + fold(last)`; over 20
 * characters with a first name of several parts (split on `-` or spaces) → the parts' initials
 * (Jean-François BERNARD → `jf.bernard`); still over 20 → cut at 20.
 */
export function baseLogin(firstName: string, lastName: string): string {
  const first = foldLoginPart(firstName);
  const last = foldLoginPart(lastName);
  let login = join(first, last);
  if (login.length > LOGIN_MAX_LENGTH) {
    const parts = firstName
      .split(/[-\s]+/)
      .map(foldLoginPart)
      .filter((p) => p !== '');
    if (parts.length > 1) login = join(parts.map((p) => p[0]).join(''), last);
  }
  return cutLogin(login);
}

/**
 * `base` if free, else the smallest free `base' + n` for n = 2, 3, … where `base'` is `base` cut
 * so that the whole fits in 20 characters (`marie.dupont2`). `isTaken` must see every login of
 * the establishment, hidden accounts and logins allocated earlier in the same import included.
 */
export function allocateLogin(base: string, isTaken: (login: string) => boolean): string {
  const start = cutLogin(base) || LOGIN_FALLBACK;
  if (!isTaken(start)) return start;
  for (let n = 2; n < 10_000_000; n++) {
    const suffix = String(n);
    const candidate = (cutLogin(start, LOGIN_MAX_LENGTH - suffix.length) || 'u') + suffix;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error(`allocateLogin: no free login for ${start}`);
}
