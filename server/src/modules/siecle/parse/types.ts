/**
 * What the SIECLE / STSWEB parsers return. Pure data, no database: the import use case maps it to
 * accounts (docs/design.md §4 "Login rule" and "What an import creates").
 *
 * Conventions for every field below:
 * - text is trimmed; an empty element (`<X/>`, `<X></X>`, blanks only) is `null`, never `''`;
 *   names also have inner runs of blanks collapsed to one space;
 * - codes (structures, MEF, subjects, ids) are strings, never numbers (leading zeros, spaces:
 *   `4e 1`, `_301P1`, `0001`);
 * - dates are ISO `aaaa-mm-jj` whatever the file wrote (`jj/mm/aaaa` in BEE, ISO in STS); an
 *   invalid date is `null` plus a `siecle.invalid_date` warning;
 * - arrays keep file order;
 * - `line` is the 1-based line of the record's opening tag, for messages.
 */
import type { DecodingInfo } from './decode.ts';

export type SiecleKind = 'sts' | 'eleves' | 'responsables';

/** Root element of each kind. */
export const SIECLE_ROOTS: Record<SiecleKind, string> = {
  sts: 'STS_EDT',
  eleves: 'BEE_ELEVES',
  responsables: 'BEE_RESPONSABLES',
};

/** `M.` or `Mme` (Mlle, CIVILITE 3 in STS, is shown as Mme). */
export type Civility = 'M.' | 'Mme';
export type Sex = 'M' | 'F';

// ---------------------------------------------------------------------------------------------
// Warnings

/**
 * Something the administrator should see in the analysis, that does not stop the import.
 * Codes are stable; messages are French and name the file and line.
 */
export interface SiecleWarning {
  code: SiecleWarningCode;
  message: string;
  file: string;
  line: number | null;
  /** The record concerned (`eleve:…`, `sts:…`, `resp:…`), when there is one. */
  externalId: string | null;
}

export type SiecleWarningCode =
  /** The content contradicted the declared encoding and was decoded otherwise (see decode.ts). */
  | 'siecle.encoding_repaired'
  /** No UAI (`UAJ`) in PARAMETRES. */
  | 'siecle.missing_uai'
  /** No or unreadable `ANNEE_SCOLAIRE`. */
  | 'siecle.missing_school_year'
  /** A record without its identifier (ELEVE_ID, PERSONNE_ID, INDIVIDU ID, structure CODE): skipped. */
  | 'siecle.missing_id'
  /** The same identifier twice: the first record is kept, the later one skipped. */
  | 'siecle.duplicate_id'
  /** A person without PRENOM or without any last name; kept, with the missing part `''`. */
  | 'siecle.missing_name'
  /** A date that is not a real calendar date in the expected format; kept as `null`. */
  | 'siecle.invalid_date'
  /** A learner without DATE_NAISS, or with one that is not a real `jj/mm/aaaa` date: no birth-date password. */
  | 'siecle.missing_birth_date'
  | 'siecle.invalid_birth_date'
  /** Two learners share an ID_NATIONAL (INE). Both are kept. */
  | 'siecle.duplicate_national_id'
  /** STRUCTURES_ELEVE for an ELEVE_ID absent from ELEVES: ignored. */
  | 'siecle.unknown_learner'
  /** Several STRUCTURES_ELEVE for one learner (GEPI: "ça ne devrait pas arriver"): merged. */
  | 'siecle.duplicate_structures'
  /** Several divisions (TYPE_STRUCTURE D, other than Inactifs) for one learner: the first is kept. */
  | 'siecle.several_divisions'
  /**
   * A learner who gets an account but has no division (*sans classe*, docs/design.md §4). Not emitted by
   * the parser, which does not know the import date: see `learnerWithoutDivisionWarning`.
   */
  | 'siecle.learner_without_division'
  /** TYPE_STRUCTURE neither D nor G: ignored. */
  | 'siecle.unknown_structure_type'
  /** A SERVICE names an ENSEIGNANT absent from INDIVIDUS and SUPPLEANTS ("reliquat de service"). */
  | 'siecle.unknown_teacher'
  /** A RESPONSABLE_ELEVE names a PERSONNE_ID absent from PERSONNES: the link is dropped. */
  | 'siecle.unknown_person'
  /** A RESPONSABLE_ELEVE with neither NIVEAU_RESPONSABILITE nor RESP_LEGAL (GEPI "Anomalie sconet"). */
  | 'siecle.missing_responsibility'
  /** The same learner–person link twice: the first is kept. */
  | 'siecle.duplicate_link'
  /** A name changed by the form's rules (NFC, control or bidi characters removed, length cap): see names.ts. */
  | 'siecle.name_cleaned';

// ---------------------------------------------------------------------------------------------
// Common parts

/** Names as docs/design.md §4 needs them. */
export interface PersonName {
  /**
   * The name to show and to build the login from: `NOM_USAGE` if not empty, else
   * `NOM_DE_FAMILLE` (learners, parents) / `NOM_PATRONYMIQUE` (staff), else legacy `NOM`.
   * `''` only when the file gives none (with a `siecle.missing_name` warning).
   */
  lastName: string;
  /** Birth name: `NOM_DE_FAMILLE` / `NOM_PATRONYMIQUE`, else legacy `NOM`. */
  birthLastName: string | null;
  /** `NOM_USAGE`, when not empty. */
  usageLastName: string | null;
  /** `PRENOM` only (never PRENOM2/3). `''` only when absent (with a warning). */
  firstName: string;
}

/** What every parsed file carries besides its records. */
export interface SiecleFileHeader {
  /** The name to show in messages (for a ZIP entry: `entry.xml (archive.zip)`). */
  fileName: string;
  rootElement: string;
  /** `VERSION` attribute of BEE roots (e.g. `3.0`, `2.1`); STS_EDT has none. */
  version: string | null;
  decoding: DecodingInfo;
  /** UAI of the establishment (`UAJ` text in BEE, `UAJ@CODE` in STS). */
  uai: string | null;
  /** First calendar year of the school year: 2024 means 2024–2025. */
  schoolYear: number | null;
  /** `DATE_EXPORT` (BEE), ISO date. */
  exportDate: string | null;
  /** `HORODATAGE` (BEE), `aaaa-mm-jjThh:mm:ss`, local time of the export. */
  exportedAt: string | null;
  warnings: SiecleWarning[];
}

// ---------------------------------------------------------------------------------------------
// STSWEB sts_emp_<UAI>_<année>.xml (root STS_EDT)

/**
 * How a staff member is imported (docs/design.md §4):
 * - `teacher`: FONCTION `ENS`; or a SUPPLEANT; or no FONCTION but at least one service;
 * - `head` (administrator profile): FONCTION `DIR`; or no FONCTION, no service and
 *   `INDIVIDU@TYPE="dir"` (the STS 2017 "personnel de direction" type);
 * - `ignored`: any other FONCTION (EDU, DOC, …), or no FONCTION and no service.
 * A head who also has services stays `head`; `services` is still filled, so the use case may add
 * the teacher profile.
 */
export type StaffKind = 'teacher' | 'head' | 'ignored';

export type StaffKindReason =
  | 'function_ens'
  | 'function_dir'
  | 'suppleant'
  | 'services_without_function'
  | 'type_dir_without_function'
  | 'other_function'
  | 'no_function_no_service';

export interface StsDiscipline {
  /** e.g. `L1300`. */
  code: string;
  label: string | null;
  /** `NB_HEURES`, e.g. 18. */
  hours: number | null;
}

export interface StsMainTeacherRole {
  /** Division code (`PROFS_PRINC/PROF_PRINC/CODE_STRUCTURE`). */
  structureCode: string;
  startDate: string | null;
  endDate: string | null;
}

export interface StsService {
  structureType: 'division' | 'group';
  /** `DIVISION@CODE` or `GROUPE@CODE`. */
  structureCode: string;
  /** `SERVICE@CODE_MATIERE` (6 digits, e.g. `061300`). */
  subjectCode: string | null;
  /** Label of that subject from NOMENCLATURES/MATIERES, else the code. */
  discipline: string | null;
  /** `SERVICE@CODE_MOD_COURS` (`CG` = cours général…). */
  teachingMode: string | null;
}

export interface StsStaff extends PersonName {
  /** `sts:` + INDIVIDU@ID (or SUPPLEANT@ID). */
  externalId: string;
  stsId: string;
  /** Which block the person comes from. */
  block: 'individu' | 'suppleant';
  /** `@TYPE`: `epp`, `local`, `dir`, `eppsup`. */
  individualType: string | null;
  kind: StaffKind;
  kindReason: StaffKindReason;
  /** `FONCTION` (`ENS`, `DIR`, `EDU`…), null when absent. */
  function: string | null;
  civility: Civility | null;
  sex: Sex | null;
  /** `DATE_NAISSANCE`; absent for some `local` persons (then a random initial password). */
  birthDate: string | null;
  grade: string | null;
  /** Label (else code) of the first DISCIPLINE: what `users.discipline` shows. */
  discipline: string | null;
  disciplines: StsDiscipline[];
  mainTeacherOf: StsMainTeacherRole[];
  /** Services naming this person, in the order of the STRUCTURE block. */
  services: StsService[];
  line: number;
}

export interface StsDivision {
  code: string;
  label: string | null;
  /** `MEFS_APPARTENANCE/MEF_APPARTENANCE@CODE`: one or several. */
  mefs: string[];
  line: number;
}

export interface StsGroup {
  code: string;
  /** `LIBELLE_LONG`, null when empty (GEPI then shows the code). */
  label: string | null;
  /** `DIVISIONS_APPARTENANCE/DIVISION_APPARTENANCE@CODE`. */
  divisions: string[];
  line: number;
}

export interface StsSubject {
  /** `MATIERE@CODE`, 6 digits. */
  code: string;
  /** `CODE_GESTION`, e.g. `MATHS`. */
  managementCode: string | null;
  /** Best label: LIBELLE_EDITION, else LIBELLE_LONG, else LIBELLE_COURT, else CODE_GESTION. */
  label: string | null;
}

export interface StsMef {
  /** 11 characters. */
  code: string;
  /** `FORMATION` (short). */
  shortLabel: string | null;
  /** LIBELLE_EDITION, else LIBELLE_LONG. */
  label: string | null;
}

export interface StsFile extends SiecleFileHeader {
  kind: 'sts';
  /** `ANNEE_SCOLAIRE/DATE_DEBUT`, `DATE_FIN`. */
  schoolYearStart: string | null;
  schoolYearEnd: string | null;
  divisions: StsDivision[];
  groups: StsGroup[];
  subjects: StsSubject[];
  mefs: StsMef[];
  /** INDIVIDUS then SUPPLEANTS, each in file order. */
  staff: StsStaff[];
}

// ---------------------------------------------------------------------------------------------
// SIECLE ElevesSansAdresses.xml / ElevesAvecAdresses.xml (root BEE_ELEVES)

/** Pseudo-division SIECLE uses for learners no longer attending (docs/siecle-formats.md §4.3). */
export const INACTIVE_DIVISION_CODE = 'Inactifs';

export interface SiecleLearner extends PersonName {
  /** `eleve:` + ELEVE_ID. */
  externalId: string;
  eleveId: string;
  /** `ELENOET` child, else attribute; absent in some exports. */
  elenoet: string | null;
  /** `ID_NATIONAL` (INE), else `INE_RNIE`; may be missing or shared (warning). */
  nationalId: string | null;
  /** PRENOM2, PRENOM3 when present. */
  otherFirstNames: string[];
  civility: Civility | null;
  sex: Sex | null;
  birthDate: string | null;
  entryDate: string | null;
  /** `DATE_SORTIE`; a date not after the import date means the learner left (see learnerStatus). */
  exitDate: string | null;
  exitReasonCode: string | null;
  email: string | null;
  /** `CODE_MEF`. */
  mef: string | null;
  /** `CODE_STATUT`: `ST` scolaire, `AP` apprenti… */
  status: string | null;
  /** Division code (TYPE_STRUCTURE D), never `Inactifs`; null = *sans classe*. */
  division: string | null;
  /** Group codes (TYPE_STRUCTURE G). */
  groups: string[];
  /** A D structure `Inactifs` was listed for this learner. */
  inInactiveDivision: boolean;
  line: number;
}

export interface ElevesFile extends SiecleFileHeader {
  kind: 'eleves';
  learners: SiecleLearner[];
  /** Distinct division codes of the learners (without `Inactifs`), first-seen order. */
  divisionCodes: string[];
  /** Distinct group codes of the learners, first-seen order. */
  groupCodes: string[];
}

// ---------------------------------------------------------------------------------------------
// SIECLE ResponsablesAvecAdresses.xml (root BEE_RESPONSABLES)

export interface SiecleAddress {
  /** LIGNE1..4_ADRESSE, non-empty ones. */
  lines: string[];
  postalCode: string | null;
  /** LIBELLE_POSTAL, else COMMUNE_ETRANGERE (which may hold postcode + town). */
  town: string | null;
  country: string | null;
}

export interface SiecleResponsiblePerson extends PersonName {
  /** `resp:` + PERSONNE_ID. */
  externalId: string;
  personId: string;
  /** From LC_CIVILITE `M.` / `MME`. */
  civility: Civility | null;
  email: string | null;
  phones: { home: string | null; mobile: string | null; work: string | null };
  addressId: string | null;
  address: SiecleAddress | null;
  line: number;
}

/**
 * Normalised responsibility level:
 * - 1: NIVEAU_RESPONSABILITE 1 (représentant légal), or legacy RESP_LEGAL 1;
 * - 2: NIVEAU_RESPONSABILITE 2 (personne en charge), or legacy RESP_LEGAL 2;
 * - 3: anything else: NIVEAU_RESPONSABILITE 3 (personne à contacter), RESP_LEGAL 0, unknown values;
 * - null: neither element present (warning `siecle.missing_responsibility`).
 * docs/design.md §4: levels 1 and 2 get a parent account.
 */
export type ResponsibilityLevel = 1 | 2 | 3;

export interface SiecleResponsibilityLink {
  learnerExternalId: string;
  eleveId: string;
  personExternalId: string;
  personId: string;
  level: ResponsibilityLevel | null;
  /** Which element gave the level. */
  levelSource: 'NIVEAU_RESPONSABILITE' | 'RESP_LEGAL' | null;
  /** The value as written. */
  rawLevel: string | null;
  /** level is 1 or 2: this person is a parent of this learner (docs/design.md §4). */
  isLegalGuardian: boolean;
  /** `CODE_PARENTE`: 10 mère, 20 père, 50 tuteur… */
  relationshipCode: string | null;
  /** `PAIE_FRAIS_SCOLAIRES` (0/1). */
  paysFees: boolean | null;
  /** `PERCOIT_LES_AIDES` (true/false). */
  receivesAid: boolean | null;
  /** `HEBERGE_ELEVE`. */
  housesLearner: boolean | null;
  /** `A_CONTACTER_EN_PRIORITE`. */
  priorityContact: boolean | null;
  line: number;
}

export interface ResponsablesFile extends SiecleFileHeader {
  kind: 'responsables';
  /** Every PERSONNE, linked to current learners or not (the use case filters). */
  persons: SiecleResponsiblePerson[];
  /** Every RESPONSABLE_ELEVE whose person exists. */
  links: SiecleResponsibilityLink[];
}

export type SiecleFile = StsFile | ElevesFile | ResponsablesFile;
