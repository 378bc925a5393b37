import type { PersonName, SiecleFile, SiecleWarning } from './types.ts';

/** The form's cap on a name (PersonNameSchema in common/src/users.schemas.ts). */
export const NAME_MAX_LENGTH = 100;

// C0 and C1 controls, and the bidirectional embeddings, overrides, isolates and marks.
const CONTROL = /[\p{Cc}]/gu;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** Either of the above: one pass over a name that has none (nearly all of them). */
const CONTROL_OR_BIDI = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export type NameFix = 'normalized' | 'controls' | 'truncated';

/** A name as the user form would take it: NFC, no control or bidi-override character, capped. */
export function cleanName(raw: string): { value: string; fixes: NameFix[] } {
  const fixes: NameFix[] = [];
  let s = raw.normalize('NFC');
  if (s !== raw) fixes.push('normalized');
  if (CONTROL_OR_BIDI.test(s)) {
    fixes.push('controls');
    s = s.replace(CONTROL, ' ').replace(BIDI, '').replace(/\s+/g, ' ').trim();
  }
  // A string of at most NAME_MAX_LENGTH UTF-16 units has at most that many code points: counted only past it.
  if (s.length > NAME_MAX_LENGTH && [...s].length > NAME_MAX_LENGTH) {
    fixes.push('truncated');
    s = [...s].slice(0, NAME_MAX_LENGTH).join('').trim();
  }
  return { value: s, fixes };
}

const FIX_TEXT: Record<NameFix, string> = {
  normalized: 'accents mis sous leur forme normale (NFC)',
  controls: 'caractères de contrôle ou d’inversion du sens d’écriture retirés',
  truncated: `tronqué à ${NAME_MAX_LENGTH} caractères`,
};

type Named = PersonName & { line: number; externalId: string };

/**
 * Applies the form's rules to every name of a parsed file (the import skipped them: docs/security.md), and
 * adds a `siecle.name_cleaned` warning naming the person for each record it changed.
 */
export function cleanFileNames(file: SiecleFile): void {
  const records: Named[] = file.kind === 'sts' ? file.staff : file.kind === 'eleves' ? file.learners : file.persons;
  const fixes = new Set<NameFix>();
  const fix = (v: string) => {
    const c = cleanName(v);
    for (const f of c.fixes) fixes.add(f);
    return c.value;
  };
  for (const r of records) {
    fixes.clear();
    r.lastName = fix(r.lastName);
    r.firstName = fix(r.firstName);
    if (r.birthLastName !== null) r.birthLastName = fix(r.birthLastName);
    if (r.usageLastName !== null) r.usageLastName = fix(r.usageLastName);
    if (fixes.size === 0) continue;
    const who = `${[...r.lastName.toUpperCase()].slice(0, 40).join('')} ${[...r.firstName].slice(0, 40).join('')}`.trim();
    const warning: SiecleWarning = {
      code: 'siecle.name_cleaned',
      message: `${file.fileName}, ligne ${r.line} : le nom de ${who} a été corrigé comme dans le formulaire (${[...fixes].map((f) => FIX_TEXT[f]).join(' ; ')}).`,
      file: file.fileName,
      line: r.line,
      externalId: r.externalId,
    };
    file.warnings.push(warning);
  }
}
