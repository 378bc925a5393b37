/** Field readers shared by the three parsers: dates, names, civilities, booleans, PARAMETRES. */
import { SiecleFileError } from './errors.ts';
import { attr, childText, makeWarning, sortWarnings, type XmlElement, type XmlStreamResult } from './xml-stream.ts';
import type { Civility, PersonName, Sex, SiecleFileHeader, SiecleWarning } from './types.ts';

/** Where a value comes from, for warnings. */
export interface FieldContext {
  file: string;
  warnings: SiecleWarning[];
  line: number;
  externalId: string | null;
}

/** Collapse inner blanks (names: `PARIS 17E  ARRONDISSEMENT` → one space). */
export function cleanText(value: string | null): string | null {
  if (value === null) return null;
  const t = value.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * `jj/mm/aaaa` (BEE) or `aaaa-mm-jj` (STS) → `aaaa-mm-jj`; a time part after a space or `T` is
 * ignored. Returns null (and warns) for anything else, including impossible dates (31/02).
 */
export function parseDate(value: string | null, field: string, ctx: FieldContext): string | null {
  if (value === null) return null;
  const iso = toIsoDate(value);
  if (iso === null) {
    ctx.warnings.push(
      makeWarning('siecle.invalid_date', ctx.file, ctx.line, `date invalide dans ${field} : « ${value} » (format attendu jj/mm/aaaa).`, ctx.externalId),
    );
  }
  return iso;
}

/**
 * A learner's DATE_NAISS: only `jj/mm/aaaa` and a date that exists (it becomes the initial password
 * `jjmmaaaa`, docs/design.md §4). Otherwise null, with a warning that names the learner and says what the
 * account gets instead.
 */
export function readBirthDate(value: string | null, who: string, ctx: FieldContext): string | null {
  const instead = 'son compte recevra un mot de passe provisoire aléatoire (dans le rapport) au lieu de sa date de naissance';
  if (value === null || value.trim() === '') {
    ctx.warnings.push(makeWarning('siecle.missing_birth_date', ctx.file, ctx.line, `${who} n'a pas de date de naissance (DATE_NAISS) : ${instead}.`, ctx.externalId));
    return null;
  }
  const iso = /^\d{2}\/\d{2}\/\d{4}$/.test(value.trim()) ? toIsoDate(value) : null;
  if (iso === null) {
    ctx.warnings.push(
      makeWarning(
        'siecle.invalid_birth_date',
        ctx.file,
        ctx.line,
        `la date de naissance de ${who} (DATE_NAISS) « ${value.trim()} » n'est pas une date jj/mm/aaaa existante : ${instead}.`,
        ctx.externalId,
      ),
    );
  }
  return iso;
}

export function toIsoDate(value: string): string | null {
  const v = value.trim().split(/[ T]/)[0]!;
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else {
    return null;
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `jj/mm/aaaa hh:mm:ss` → `aaaa-mm-jjThh:mm:ss`; null when unreadable. */
export function parseTimestamp(value: string | null): string | null {
  if (value === null) return null;
  const m = /^(\S+)\s+(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const date = toIsoDate(m[1]!);
  if (!date || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return null;
  return `${date}T${m[2]}:${m[3]}:${m[4] ?? '00'}`;
}

/** `1`/`true`/`oui` → true, `0`/`false`/`non` → false, anything else null. */
export function parseBoolean(value: string | null): boolean | null {
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'oui' || v === 'o') return true;
  if (v === '0' || v === 'false' || v === 'non' || v === 'n') return false;
  return null;
}

/** A decimal written `18.00` or `18,5`. */
export function parseDecimal(value: string | null): number | null {
  if (value === null) return null;
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** STS `CIVILITE` 1 = M., 2 = Mme, 3 = Mlle (shown Mme). */
export function civilityFromStsCode(code: string | null): Civility | null {
  if (code === '1') return 'M.';
  if (code === '2' || code === '3') return 'Mme';
  return null;
}

/** `CODE_SEXE` / `SEXE`: 1 = M, 2 = F. */
export function sexFromCode(code: string | null): Sex | null {
  if (code === '1') return 'M';
  if (code === '2') return 'F';
  return null;
}

export function civilityFromSex(sex: Sex | null): Civility | null {
  return sex === 'M' ? 'M.' : sex === 'F' ? 'Mme' : null;
}

/** BEE Responsables `LC_CIVILITE` (`M.`, `MME`), tolerant of `M`, `Mme`, `MLLE`, and of LL_CIVILITE. */
export function civilityFromLabel(label: string | null): Civility | null {
  if (label === null) return null;
  const v = label.trim().toUpperCase().replace(/\.$/, '');
  if (v === 'M' || v === 'MR' || v === 'MONSIEUR') return 'M.';
  if (v === 'MME' || v === 'MLLE' || v === 'MADAME' || v === 'MADEMOISELLE') return 'Mme';
  return null;
}

/**
 * docs/design.md §4 names: last name = NOM_USAGE if not empty, else the birth name (`birthNameElements`
 * in order: NOM_DE_FAMILLE or NOM_PATRONYMIQUE, then legacy NOM); first name = PRENOM only.
 */
export function readNames(element: XmlElement, birthNameElements: string[], ctx: FieldContext): PersonName {
  const usageLastName = cleanText(childText(element, 'NOM_USAGE'));
  const birthLastName = cleanText(childText(element, ...birthNameElements));
  const firstName = cleanText(childText(element, 'PRENOM')) ?? '';
  const lastName = usageLastName ?? birthLastName ?? '';
  if (lastName === '' || firstName === '') {
    const missing = lastName === '' && firstName === '' ? 'ni nom ni prénom' : lastName === '' ? 'pas de nom' : 'pas de prénom (PRENOM)';
    ctx.warnings.push(makeWarning('siecle.missing_name', ctx.file, ctx.line, `cette personne n'a ${missing}.`, ctx.externalId));
  }
  return { lastName, birthLastName, usageLastName, firstName };
}

type BeeParameters = Pick<SiecleFileHeader, 'uai' | 'schoolYear' | 'exportDate' | 'exportedAt'>;

/** BEE `PARAMETRES`: values are element texts. */
export function readBeeParameters(element: XmlElement, ctx: FieldContext): BeeParameters {
  return {
    uai: cleanText(childText(element, 'UAJ')),
    schoolYear: parseSchoolYear(childText(element, 'ANNEE_SCOLAIRE')),
    exportDate: parseDate(childText(element, 'DATE_EXPORT'), 'DATE_EXPORT', ctx),
    exportedAt: parseTimestamp(childText(element, 'HORODATAGE')),
  };
}

/** `2024`, or `2024-2025` as some tools write it → 2024. */
export function parseSchoolYear(value: string | null): number | null {
  if (value === null) return null;
  const m = /^(\d{4})(?:\s*[-/]\s*\d{4})?$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Every genuine SIECLE export (Élèves, Responsables) names its establishment in PARAMETRES/UAJ:
 * a file without it is refused rather than imported into whatever establishment it is given to.
 */
export function requireBeeUai(header: BeeParameters, file: string, parametersLine: number | null): void {
  if (header.uai === null) {
    throw new SiecleFileError(
      'siecle.missing_uai',
      file,
      "le code UAI de l'établissement (élément UAJ des PARAMETRES) est absent : ce n'est pas un export SIECLE complet. Exportez à nouveau le fichier depuis SIECLE (Base élèves établissement).",
      parametersLine,
    );
  }
}

/** Warn about missing UAI / school year, once the whole file has been read. */
export function warnMissingParameters(header: BeeParameters, ctx: FieldContext, parametersLine: number | null): void {
  if (header.uai === null) {
    ctx.warnings.push(makeWarning('siecle.missing_uai', ctx.file, parametersLine, "le code UAI de l'établissement (UAJ) est absent des paramètres du fichier."));
  }
  if (header.schoolYear === null) {
    ctx.warnings.push(makeWarning('siecle.missing_school_year', ctx.file, parametersLine, "l'année scolaire (ANNEE_SCOLAIRE) est absente ou illisible."));
  }
}

/**
 * What a BEE file (Élèves, Responsables) says about itself: root, version, decoding, the
 * PARAMETRES block, and every warning in line order.
 */
export function beeFileHeader(
  fileName: string,
  stream: XmlStreamResult,
  defaultRoot: string,
  parameters: Pick<SiecleFileHeader, 'uai' | 'schoolYear' | 'exportDate' | 'exportedAt'>,
  warnings: SiecleWarning[],
): SiecleFileHeader {
  return {
    fileName,
    rootElement: stream.root?.name ?? defaultRoot,
    version: stream.root ? attr(stream.root, 'VERSION') : null,
    decoding: stream.decoding,
    ...parameters,
    warnings: sortWarnings([...stream.warnings, ...warnings]),
  };
}
