/**
 * STSWEB `sts_emp_<UAI>_<année>.xml` (root STS_EDT), docs/siecle-formats.md §3.
 *
 * People are in DONNEES/INDIVIDUS (and, since 2017, DONNEES/SUPPLEANTS); who teaches what to
 * whom is on the structures: DIVISION or GROUPE → SERVICES/SERVICE@CODE_MATIERE →
 * ENSEIGNANTS/ENSEIGNANT@ID. Services are attached to the staff at the end of the pass; a service
 * naming an unknown person (leave, retirement: "reliquat de service") is a warning, not an error.
 */
import { expectRoot } from './detect.ts';
import { SiecleFileError } from './errors.ts';
import {
  civilityFromSex,
  civilityFromStsCode,
  cleanText,
  parseDate,
  parseDecimal,
  parseSchoolYear,
  readNames,
  sexFromCode,
  warnMissingParameters,
  type FieldContext,
} from './fields.ts';
import type {
  SiecleWarning,
  StaffKind,
  StaffKindReason,
  StsDivision,
  StsFile,
  StsGroup,
  StsMef,
  StsService,
  StsStaff,
  StsSubject,
} from './types.ts';
import { attr, child, childText, descendants, makeWarning, sortWarnings, streamXml, textOf, type XmlElement } from './xml-stream.ts';

interface RawService {
  structureType: 'division' | 'group';
  structureCode: string;
  subjectCode: string | null;
  teachingMode: string | null;
  teacherIds: string[];
  line: number;
}

export function parseStsEmp(bytes: Uint8Array, fileName: string): StsFile {
  const warnings: SiecleWarning[] = [];
  const ctx = (line: number, externalId: string | null = null): FieldContext => ({ file: fileName, warnings, line, externalId });
  let uai: string | null = null;
  let schoolYear: number | null = null;
  let schoolYearStart: string | null = null;
  let schoolYearEnd: string | null = null;
  let parametersLine: number | null = null;
  const subjects: StsSubject[] = [];
  const mefs: StsMef[] = [];
  const staff: StsStaff[] = [];
  const staffById = new Map<string, StsStaff>();
  const divisions: StsDivision[] = [];
  const groups: StsGroup[] = [];
  const divisionCodes = new Map<string, number>();
  const groupCodes = new Map<string, number>();
  const services: RawService[] = [];

  const addStaff = (e: XmlElement, block: 'individu' | 'suppleant'): void => {
    const person = readStaff(e, block, fileName, warnings);
    if (!person) return;
    const previous = staffById.get(person.stsId);
    if (previous) {
      warnings.push(
        makeWarning('siecle.duplicate_id', fileName, e.line, `la personne ID=${person.stsId} figure deux fois (déjà ligne ${previous.line}) ; seule la première fiche est prise.`, person.externalId),
      );
      return;
    }
    staffById.set(person.stsId, person);
    staff.push(person);
  };

  const readServices = (e: XmlElement, structureType: 'division' | 'group', structureCode: string): void => {
    for (const s of descendants(e, 'SERVICES', 'SERVICE')) {
      const teacherIds = descendants(s, 'ENSEIGNANTS', 'ENSEIGNANT').flatMap((t) => {
        const id = attr(t, 'ID') ?? childText(t, 'ID');
        return id === null ? [] : [id];
      });
      services.push({
        structureType,
        structureCode,
        subjectCode: attr(s, 'CODE_MATIERE') ?? childText(s, 'CODE_MATIERE'),
        teachingMode: attr(s, 'CODE_MOD_COURS') ?? childText(s, 'CODE_MOD_COURS'),
        teacherIds,
        line: s.line,
      });
    }
  };

  const stream = streamXml(bytes, {
    fileName,
    onRoot: (root) => expectRoot(root, 'sts', fileName),
    records: {
      PARAMETRES: (e) => {
        parametersLine = e.line;
        const source = child(e, 'APPLICATION_SOURCE');
        if (source) {
          throw new SiecleFileError(
            'siecle.wrong_file_type',
            fileName,
            "ce fichier a été produit par un logiciel d'emploi du temps (APPLICATION_SOURCE) et non par STSWEB : exportez « sts_emp_<UAI>_<année>.xml » depuis STSWEB (menu Exports > Emploi du temps).",
            source.line,
          );
        }
        const uaj = child(e, 'UAJ');
        // STS writes <UAJ CODE="…">; tolerate the BEE way (<UAJ>…</UAJ>) too.
        uai = uaj ? (attr(uaj, 'CODE') ?? cleanText(textOf(uaj))) : null;
        const year = child(e, 'ANNEE_SCOLAIRE');
        if (year) {
          schoolYear = parseSchoolYear(attr(year, 'ANNEE') ?? childText(year, 'ANNEE'));
          schoolYearStart = parseDate(childText(year, 'DATE_DEBUT'), 'DATE_DEBUT', ctx(year.line));
          schoolYearEnd = parseDate(childText(year, 'DATE_FIN'), 'DATE_FIN', ctx(year.line));
        }
      },
      'NOMENCLATURES/MATIERES/MATIERE': (e) => {
        const code = attr(e, 'CODE');
        if (code === null) return;
        const managementCode = cleanText(childText(e, 'CODE_GESTION'));
        subjects.push({
          code,
          managementCode,
          label: cleanText(childText(e, 'LIBELLE_EDITION', 'LIBELLE_LONG', 'LIBELLE_COURT')) ?? managementCode,
        });
      },
      'NOMENCLATURES/MEFS/MEF': (e) => {
        const code = attr(e, 'CODE');
        if (code === null) return;
        mefs.push({
          code,
          shortLabel: cleanText(childText(e, 'FORMATION', 'LIBELLE_COURT')),
          label: cleanText(childText(e, 'LIBELLE_EDITION', 'LIBELLE_LONG')),
        });
      },
      'DONNEES/INDIVIDUS/INDIVIDU': (e) => addStaff(e, 'individu'),
      'DONNEES/SUPPLEANTS/SUPPLEANT': (e) => addStaff(e, 'suppleant'),
      'DONNEES/STRUCTURE/DIVISIONS/DIVISION': (e) => {
        const code = attr(e, 'CODE');
        if (code === null) {
          warnings.push(makeWarning('siecle.missing_id', fileName, e.line, 'division sans CODE : ignorée.'));
          return;
        }
        if (divisionCodes.has(code)) {
          warnings.push(makeWarning('siecle.duplicate_id', fileName, e.line, `la division ${code} figure deux fois (déjà ligne ${divisionCodes.get(code)}) ; seule la première est prise.`));
          return;
        }
        divisionCodes.set(code, e.line);
        divisions.push({
          code,
          label: cleanText(childText(e, 'LIBELLE_LONG', 'LIBELLE_COURT')),
          mefs: distinct(descendants(e, 'MEFS_APPARTENANCE', 'MEF_APPARTENANCE').flatMap((m) => nonNull(attr(m, 'CODE') ?? childText(m, 'CODE_MEF')))),
          line: e.line,
        });
        readServices(e, 'division', code);
      },
      'DONNEES/STRUCTURE/GROUPES/GROUPE': (e) => {
        const code = attr(e, 'CODE');
        if (code === null) {
          warnings.push(makeWarning('siecle.missing_id', fileName, e.line, 'groupe sans CODE : ignoré.'));
          return;
        }
        if (groupCodes.has(code)) {
          warnings.push(makeWarning('siecle.duplicate_id', fileName, e.line, `le groupe ${code} figure deux fois (déjà ligne ${groupCodes.get(code)}) ; seul le premier est pris.`));
          return;
        }
        groupCodes.set(code, e.line);
        groups.push({
          code,
          label: cleanText(childText(e, 'LIBELLE_LONG', 'LIBELLE_COURT')),
          divisions: distinct(descendants(e, 'DIVISIONS_APPARTENANCE', 'DIVISION_APPARTENANCE').flatMap((d) => nonNull(attr(d, 'CODE') ?? childText(d, 'CODE')))),
          line: e.line,
        });
        readServices(e, 'group', code);
      },
    },
  });

  // Attach services to people.
  const subjectLabels = new Map(subjects.map((s) => [s.code, s.label]));
  const unknownReported = new Set<string>();
  for (const raw of services) {
    const service: StsService = {
      structureType: raw.structureType,
      structureCode: raw.structureCode,
      subjectCode: raw.subjectCode,
      discipline: raw.subjectCode === null ? null : (subjectLabels.get(raw.subjectCode) ?? raw.subjectCode),
      teachingMode: raw.teachingMode,
    };
    for (const id of raw.teacherIds) {
      const person = staffById.get(id);
      if (!person) {
        if (!unknownReported.has(id)) {
          unknownReported.add(id);
          warnings.push(
            makeWarning('siecle.unknown_teacher', fileName, raw.line, `un service de ${raw.structureType === 'division' ? 'la division' : 'du groupe'} ${raw.structureCode} désigne l'enseignant ID=${id}, absent de la liste des personnels : ignoré.`, `sts:${id}`),
          );
        }
        continue;
      }
      if (!person.services.some((s) => sameService(s, service))) person.services.push(service);
    }
  }
  for (const person of staff) {
    const { kind, reason } = staffKind(person);
    person.kind = kind;
    person.kindReason = reason;
  }

  const header = { uai, schoolYear, exportDate: null, exportedAt: null };
  warnMissingParameters(header, ctx(parametersLine ?? 1), parametersLine);
  return {
    kind: 'sts',
    fileName,
    rootElement: stream.root?.name ?? 'STS_EDT',
    version: stream.root ? attr(stream.root, 'VERSION') : null,
    decoding: stream.decoding,
    ...header,
    warnings: sortWarnings([...stream.warnings, ...warnings]),
    schoolYearStart,
    schoolYearEnd,
    divisions,
    groups,
    subjects,
    mefs,
    staff,
  };
}

function readStaff(e: XmlElement, block: 'individu' | 'suppleant', fileName: string, warnings: SiecleWarning[]): StsStaff | null {
  const stsId = attr(e, 'ID') ?? childText(e, 'ID');
  if (stsId === null) {
    warnings.push(makeWarning('siecle.missing_id', fileName, e.line, `personne (${e.name}) sans identifiant ID : ignorée.`));
    return null;
  }
  const externalId = `sts:${stsId}`;
  const ctx: FieldContext = { file: fileName, warnings, line: e.line, externalId };
  const names = readNames(e, ['NOM_PATRONYMIQUE', 'NOM'], ctx);
  const sex = sexFromCode(childText(e, 'SEXE'));
  const civility = civilityFromStsCode(childText(e, 'CIVILITE')) ?? civilityFromSex(sex);
  const disciplines = descendants(e, 'DISCIPLINES', 'DISCIPLINE').flatMap((d) => {
    const code = attr(d, 'CODE') ?? childText(d, 'CODE');
    return code === null ? [] : [{ code, label: cleanText(childText(d, 'LIBELLE_COURT', 'LIBELLE_LONG')), hours: parseDecimal(childText(d, 'NB_HEURES')) }];
  });
  const mainTeacherOf = descendants(e, 'PROFS_PRINC', 'PROF_PRINC').flatMap((p) => {
    const structureCode = childText(p, 'CODE_STRUCTURE');
    return structureCode === null
      ? []
      : [{ structureCode, startDate: parseDate(childText(p, 'DATE_DEBUT'), 'DATE_DEBUT', ctx), endDate: parseDate(childText(p, 'DATE_FIN'), 'DATE_FIN', ctx) }];
  });
  const fn = childText(e, 'FONCTION');
  return {
    externalId,
    stsId,
    block,
    individualType: attr(e, 'TYPE'),
    kind: 'ignored',
    kindReason: 'no_function_no_service',
    function: fn === null ? null : fn.toUpperCase(),
    ...names,
    civility,
    sex: sex ?? (civility === 'M.' ? 'M' : civility === 'Mme' ? 'F' : null),
    birthDate: parseDate(childText(e, 'DATE_NAISSANCE'), 'DATE_NAISSANCE', ctx),
    grade: cleanText(childText(e, 'GRADE')),
    discipline: disciplines[0] ? (disciplines[0].label ?? disciplines[0].code) : null,
    disciplines,
    mainTeacherOf,
    services: [],
    line: e.line,
  };
}

/** docs/design.md §4 "What an import creates", for staff (see StaffKind). */
export function staffKind(person: Pick<StsStaff, 'block' | 'function' | 'individualType' | 'services'>): { kind: StaffKind; reason: StaffKindReason } {
  if (person.function === 'DIR') return { kind: 'head', reason: 'function_dir' };
  if (person.function === 'ENS') return { kind: 'teacher', reason: 'function_ens' };
  if (person.block === 'suppleant') return { kind: 'teacher', reason: 'suppleant' };
  if (person.function !== null) return { kind: 'ignored', reason: 'other_function' };
  if (person.services.length > 0) return { kind: 'teacher', reason: 'services_without_function' };
  if (person.individualType?.toLowerCase() === 'dir') return { kind: 'head', reason: 'type_dir_without_function' };
  return { kind: 'ignored', reason: 'no_function_no_service' };
}

function sameService(a: StsService, b: StsService): boolean {
  return a.structureType === b.structureType && a.structureCode === b.structureCode && a.subjectCode === b.subjectCode && a.teachingMode === b.teachingMode;
}

function nonNull(v: string | null): string[] {
  return v === null ? [] : [v];
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
