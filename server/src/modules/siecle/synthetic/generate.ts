/**
 * Generator of SIECLE / STSWEB test files (sts_emp, ElevesSansAdresses, ResponsablesAvecAdresses).
 *
 * `makeSchool(options)` builds a coherent fake establishment (deterministic for a given seed);
 * `stsXml`, `elevesXml`, `responsablesXml` write it in the three formats (docs/siecle-formats.md §3–5), with
 * the legacy element names when asked; `encodeXml` turns the text into bytes in the requested
 * encoding. Tests compare what the parsers read with the model they were generated from.
 *
 * As a command, writes the three files of a school:
 *   npx tsx server/src/modules/siecle/synthetic/generate.ts --out /tmp/siecle --learners 1500 [--legacy] [--encoding UTF-8]
 * All names are invented.
 */
import iconv from 'iconv-lite';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type GenEncoding = 'ISO-8859-15' | 'ISO-8859-1' | 'UTF-8';

export interface EncodeOptions {
  encoding?: GenEncoding;
  /** Prepend a UTF-8 BOM (only meaningful with UTF-8). */
  bom?: boolean;
  /** Encoding written in the declaration, when it must differ from the real one. */
  declaredEncoding?: string | null;
}

export interface SerializeOptions {
  /**
   * Older layouts: `NOM` instead of NOM_DE_FAMILLE/NOM_USAGE (pre-2016) in BEE files, RESP_LEGAL
   * instead of NIVEAU_RESPONSABILITE (pre-2018), no SUPPLEANTS block and no INDIVIDU@TYPE dir
   * (pre-2017) in sts_emp.
   */
  legacy?: boolean;
  /** STS only: add a service naming a teacher absent from INDIVIDUS. */
  unknownTeacher?: boolean;
}

export interface SchoolOptions {
  seed?: number;
  uai?: string;
  schoolYear?: number;
  learners?: number;
  divisions?: number;
  /** Learners with a past DATE_SORTIE. */
  departed?: number;
  /** Learners with a DATE_SORTIE after the export (still present). */
  futureExit?: number;
  /** Learners only in the pseudo-division Inactifs. */
  inactifs?: number;
  /** Learners without any division (no STRUCTURES_ELEVE, or groups only). */
  noClass?: number;
  /** Pairs of learners sharing both parents. */
  siblings?: number;
  /** Level-3 contacts (NIVEAU_RESPONSABILITE 3 / RESP_LEGAL 0), one per learner from the first. */
  contacts?: number;
  /** Use names with accents, apostrophes, œ, æ (default true). */
  accents?: boolean;
}

export interface GenStaff {
  id: string;
  type: 'epp' | 'local' | 'dir' | 'eppsup';
  civility: 1 | 2 | 3;
  usageName: string;
  patronymicName: string | null;
  firstName: string;
  birthDate: string | null;
  fn: string | null;
  grade: string | null;
  disciplines: { code: string; label: string; hours: string }[];
  suppleant: boolean;
  mainTeacherOf: string[];
}

export interface GenService {
  structureType: 'division' | 'group';
  code: string;
  subject: string;
  mode: string | null;
  teacherIds: string[];
}

export interface GenLearner {
  eleveId: string;
  elenoet: string | null;
  ine: string | null;
  familyName: string;
  usageName: string | null;
  firstName: string;
  firstName2: string | null;
  birthDate: string;
  sex: 1 | 2;
  mef: string;
  email: string | null;
  division: string | null;
  groups: string[];
  inactifs: boolean;
  exitDate: string | null;
}

export interface GenPerson {
  personId: string;
  civility: 'M.' | 'MME';
  familyName: string;
  usageName: string | null;
  firstName: string;
  email: string | null;
  addressId: string;
}

export interface GenLink {
  eleveId: string;
  personId: string;
  level: 1 | 2 | 3;
  relationship: string;
}

export interface GenSchool {
  uai: string;
  schoolYear: number;
  subjects: { code: string; gestion: string; label: string }[];
  mefs: { code: string; formation: string; label: string }[];
  divisions: { code: string; label: string; mef: string }[];
  groups: { code: string; label: string; divisions: string[] }[];
  services: GenService[];
  staff: GenStaff[];
  learners: GenLearner[];
  persons: GenPerson[];
  links: GenLink[];
  addresses: { id: string; line1: string; postalCode: string; town: string }[];
}

const FIRST_NAMES_ACCENTED = ['Chloé', 'Zoé', 'Anaïs', 'Jean-François', 'Marie-Hélène', 'Héloïse', 'Maël', 'Noël', 'Cécile', 'Jérôme', 'Françoise', 'Loïc'];
const FIRST_NAMES_PLAIN = ['Lucas', 'Emma', 'Hugo', 'Lea', 'Louis', 'Jade', 'Nathan', 'Ines', 'Adam', 'Sarah', 'Paul', 'Alice'];
const LAST_NAMES_ACCENTED = ["D'ARTAGNAN", 'CŒUR', 'BŒUF', 'LÆTITIA', "N'DIAYE", 'LEFÈVRE', 'GARÇON', 'MÜLLER', 'DE LA FONTAINE', "L'HÔPITAL", 'ŒUVRAY', 'DUPONT-ÉTIENNE'];
const LAST_NAMES_PLAIN = ['MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON', 'MICHEL'];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function makeSchool(options: SchoolOptions = {}): GenSchool {
  const random = rng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const accents = options.accents ?? true;
  const firsts = accents ? [...FIRST_NAMES_ACCENTED, ...FIRST_NAMES_PLAIN] : FIRST_NAMES_PLAIN;
  const lasts = accents ? [...LAST_NAMES_ACCENTED, ...LAST_NAMES_PLAIN] : LAST_NAMES_PLAIN;
  const year = options.schoolYear ?? 2024;
  const learnerCount = options.learners ?? 30;
  const divisionCount = Math.max(1, options.divisions ?? 3);

  const subjects = [
    { code: '061300', gestion: 'MATHS', label: 'Mathématiques' },
    { code: '020700', gestion: 'FRANC', label: 'Français' },
    { code: '319500', gestion: 'GA', label: 'Gestion administrative' },
    { code: '030201', gestion: 'AGL1', label: 'Anglais LV1' },
  ];
  const mefs = [
    { code: '24723401210', formation: '2NDPRO GATL', label: '2nde pro métiers de la gestion administrative' },
    { code: '24723401211', formation: '1ERPRO AGORA', label: '1re pro AGORA' },
  ];
  const divisions = Array.from({ length: divisionCount }, (_, i) => ({
    code: i % 3 === 2 ? `2 GA${i + 1}` : `2GA${i + 1}`,
    label: `2NDE PRO GA ${i + 1}`,
    mef: mefs[i % mefs.length]!.code,
  }));
  const groups = divisions.map((d, i) => ({ code: `_G${i + 1}_AGL`, label: `Anglais ${d.code}`, divisions: [d.code] }));
  if (divisions.length > 1) groups.push({ code: 'GA_TRANSV', label: '', divisions: divisions.slice(0, 2).map((d) => d.code) });

  // Staff: a head, a CPE (ignored), teachers, a local teacher without FONCTION nor birth date,
  // a person without function nor service (ignored), and a SUPPLEANT.
  const staff: GenStaff[] = [];
  let staffId = 10000;
  const person = (fn: string | null, type: GenStaff['type'], extra: Partial<GenStaff> = {}): GenStaff => {
    const civility = (random() < 0.5 ? 1 : 2) as 1 | 2;
    const s: GenStaff = {
      id: String(staffId++),
      type,
      civility,
      usageName: pick(lasts),
      patronymicName: random() < 0.3 ? pick(lasts) : null,
      firstName: pick(firsts),
      birthDate: `19${60 + Math.floor(random() * 35)}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`,
      fn,
      grade: fn === 'ENS' ? 'CERT. CL N' : null,
      disciplines: fn === 'ENS' ? [{ code: 'L8011', label: 'ECO.GEST.ADMINIS.', hours: '18.00' }] : [],
      suppleant: false,
      mainTeacherOf: [],
      ...extra,
    };
    staff.push(s);
    return s;
  };
  person('DIR', 'dir', { usageName: 'PROVISEUR', firstName: 'Paul', civility: 1 });
  person('EDU', 'epp');
  const teacherCount = Math.max(3, Math.ceil(learnerCount / 15));
  const teachers = Array.from({ length: teacherCount }, () => person('ENS', 'epp'));
  const localTeacher = person(null, 'local', { birthDate: null, civility: 3, patronymicName: null });
  person(null, 'local', { birthDate: null });
  const suppleant = person('ENS', 'eppsup', { suppleant: true });
  teachers[0]!.mainTeacherOf = [divisions[0]!.code];

  const services: GenService[] = [];
  divisions.forEach((d, i) => {
    services.push({ structureType: 'division', code: d.code, subject: '319500', mode: 'CG', teacherIds: [teachers[i % teachers.length]!.id] });
    services.push({
      structureType: 'division',
      code: d.code,
      subject: '061300',
      mode: i === 0 ? null : 'CG',
      teacherIds: i === 0 ? [teachers[(i + 1) % teachers.length]!.id, localTeacher.id] : [teachers[(i + 1) % teachers.length]!.id],
    });
  });
  groups.forEach((g, i) => {
    services.push({ structureType: 'group', code: g.code, subject: '030201', mode: 'CG', teacherIds: [teachers[(i + 2) % teachers.length]!.id] });
  });
  services.push({ structureType: 'division', code: divisions[0]!.code, subject: '020700', mode: 'CG', teacherIds: [suppleant.id] });

  // Learners.
  const departed = options.departed ?? 0;
  const futureExit = options.futureExit ?? 0;
  const inactifs = options.inactifs ?? 0;
  const noClass = options.noClass ?? 0;
  const learners: GenLearner[] = [];
  for (let i = 0; i < learnerCount; i++) {
    const fromEnd = learnerCount - 1 - i;
    const division = divisions[i % divisions.length]!;
    const learner: GenLearner = {
      eleveId: String(1800000 + i),
      elenoet: i % 5 === 4 ? null : String(5000 + i),
      ine: i % 17 === 16 ? null : `${pad(70000000 + i, 9)}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}`,
      familyName: pick(lasts),
      usageName: i % 9 === 3 ? pick(lasts) : null,
      firstName: pick(firsts),
      firstName2: i % 2 === 0 ? pick(firsts) : null,
      birthDate: `${year - 15 - Math.floor(random() * 3)}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`,
      sex: (1 + (i % 2)) as 1 | 2,
      mef: division.mef,
      email: i % 4 === 0 ? `eleve${i}@example.org` : null,
      division: division.code,
      groups: i % 2 === 0 ? [groups[i % divisions.length]!.code] : [],
      inactifs: false,
      exitDate: null,
    };
    if (fromEnd < departed) {
      learner.exitDate = `${year}-11-15`;
    } else if (fromEnd < departed + futureExit) {
      learner.exitDate = `${year + 1}-06-30`;
    } else if (fromEnd < departed + futureExit + inactifs) {
      learner.division = null;
      learner.groups = [];
      learner.inactifs = true;
    } else if (fromEnd < departed + futureExit + inactifs + noClass) {
      learner.division = null;
      learner.groups = fromEnd % 2 === 0 ? [groups[0]!.code] : [];
    }
    learners.push(learner);
  }

  // Responsables: two parents per learner; siblings share theirs; some level-3 contacts.
  const persons: GenPerson[] = [];
  const links: GenLink[] = [];
  const addresses: GenSchool['addresses'] = [];
  let personId = 200000;
  const newPerson = (familyName: string, civility: 'M.' | 'MME', addressId: string): GenPerson => {
    const p: GenPerson = {
      personId: String(personId++),
      civility,
      familyName,
      usageName: civility === 'MME' && random() < 0.3 ? pick(lasts) : null,
      firstName: pick(firsts),
      email: random() < 0.7 ? `parent${personId}@example.org` : null,
      addressId,
    };
    persons.push(p);
    return p;
  };
  const siblings = Math.min(options.siblings ?? 0, Math.floor(learnerCount / 2));
  for (let i = 0; i < learnerCount; i++) {
    const learner = learners[i]!;
    if (i % 2 === 1 && Math.floor(i / 2) < siblings) {
      // Sibling of learner i-1: same parents.
      for (const l of links.filter((x) => x.eleveId === learners[i - 1]!.eleveId && x.level !== 3)) {
        links.push({ eleveId: learner.eleveId, personId: l.personId, level: l.level, relationship: l.relationship });
      }
      learner.familyName = learners[i - 1]!.familyName;
      continue;
    }
    const addressId = String(100000 + i);
    addresses.push({ id: addressId, line1: `${1 + i} RUE DE L'ÉCOLE`, postalCode: '86000', town: 'POITIERS' });
    const mother = newPerson(learner.familyName, 'MME', addressId);
    const father = newPerson(learner.familyName, 'M.', addressId);
    links.push({ eleveId: learner.eleveId, personId: mother.personId, level: 1, relationship: '10' });
    links.push({ eleveId: learner.eleveId, personId: father.personId, level: i % 3 === 0 ? 2 : 1, relationship: '20' });
  }
  const contacts = Math.min(options.contacts ?? 0, learnerCount);
  for (let i = 0; i < contacts; i++) {
    const contact = newPerson(pick(lasts), 'MME', String(100000 + (i % Math.max(1, addresses.length))));
    links.push({ eleveId: learners[i]!.eleveId, personId: contact.personId, level: 3, relationship: '90' });
  }

  return { uai: options.uai ?? '0861234A', schoolYear: year, subjects, mefs, divisions, groups, services, staff, learners, persons, links, addresses };
}

// ---------------------------------------------------------------------------------------------
// Serialisers

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function el(name: string, value: string | null | undefined, indent: string): string {
  if (value === null || value === undefined) return '';
  return value === '' ? `${indent}<${name}/>\n` : `${indent}<${name}>${escapeXml(value)}</${name}>\n`;
}

function beeDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function prolog(encoding: string): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\n`;
}

/** Placeholder replaced by `encodeXml` with the declared encoding. */
const ENCODING_PLACEHOLDER = '__ENCODING__';

export function stsXml(school: GenSchool, options: SerializeOptions = {}): string {
  const legacy = options.legacy ?? false;
  const staffXml = (s: GenStaff, tag: 'INDIVIDU' | 'SUPPLEANT'): string => {
    const type = legacy && s.type === 'dir' ? 'epp' : s.type;
    let x = `      <${tag} ID="${s.id}" TYPE="${type}">\n`;
    x += el('SEXE', s.civility === 1 ? '1' : '2', '        ');
    x += el('CIVILITE', String(s.civility), '        ');
    x += el('NOM_USAGE', s.usageName, '        ');
    x += el('NOM_PATRONYMIQUE', s.patronymicName ?? '', '        ');
    x += el('PRENOM', s.firstName, '        ');
    x += el('DATE_NAISSANCE', s.birthDate, '        ');
    x += el('GRADE', s.grade, '        ');
    x += el('FONCTION', s.fn, '        ');
    if (s.mainTeacherOf.length > 0) {
      x += '        <PROFS_PRINC>\n';
      for (const code of s.mainTeacherOf) {
        x += `          <PROF_PRINC>\n${el('CODE_STRUCTURE', code, '            ')}${el('DATE_DEBUT', `${school.schoolYear}-09-02`, '            ')}${el('DATE_FIN', `${school.schoolYear + 1}-07-05`, '            ')}          </PROF_PRINC>\n`;
      }
      x += '        </PROFS_PRINC>\n';
    }
    if (s.disciplines.length > 0) {
      x += '        <DISCIPLINES>\n';
      for (const d of s.disciplines) {
        x += `          <DISCIPLINE CODE="${d.code}">\n${el('LIBELLE_COURT', d.label, '            ')}${el('NB_HEURES', d.hours, '            ')}          </DISCIPLINE>\n`;
      }
      x += '        </DISCIPLINES>\n';
    }
    if (tag === 'SUPPLEANT') x += '        <SERVICES_SUPPLEANTS/>\n';
    return x + `      </${tag}>\n`;
  };
  const servicesXml = (type: 'division' | 'group', code: string, indent: string): string => {
    const list = school.services.filter((s) => s.structureType === type && s.code === code);
    if (options.unknownTeacher && type === 'division' && code === school.divisions[0]!.code) {
      list.push({ structureType: 'division', code, subject: '061300', mode: 'CG', teacherIds: ['99999'] });
    }
    if (list.length === 0) return `${indent}<SERVICES/>\n`;
    let x = `${indent}<SERVICES>\n`;
    for (const s of list) {
      x += `${indent}  <SERVICE CODE_MATIERE="${s.subject}"${s.mode ? ` CODE_MOD_COURS="${s.mode}"` : ''}>\n${indent}    <ENSEIGNANTS>\n`;
      for (const id of s.teacherIds) x += `${indent}      <ENSEIGNANT ID="${id}" TYPE="epp"/>\n`;
      x += `${indent}    </ENSEIGNANTS>\n${indent}  </SERVICE>\n`;
    }
    return x + `${indent}</SERVICES>\n`;
  };

  let x = prolog(ENCODING_PLACEHOLDER);
  x += '<STS_EDT>\n  <PARAMETRES>\n';
  x += `    <UAJ CODE="${school.uai}">\n      <ACADEMIE><CODE>13</CODE><LIBELLE>POITIERS</LIBELLE></ACADEMIE>\n      <SIGLE>LP</SIGLE>\n      <DENOM_PRINC>LYCEE PROFESSIONNEL</DENOM_PRINC>\n      <DENOM_COMPL>L'ÉCOLE D'ESSAI</DENOM_COMPL>\n    </UAJ>\n`;
  x += `    <ANNEE_SCOLAIRE ANNEE="${school.schoolYear}">\n      <DATE_DEBUT>${school.schoolYear}-09-02</DATE_DEBUT>\n      <DATE_FIN>${school.schoolYear + 1}-07-05</DATE_FIN>\n    </ANNEE_SCOLAIRE>\n`;
  x += '  </PARAMETRES>\n  <NOMENCLATURES>\n    <MATIERES>\n';
  for (const s of school.subjects) {
    x += `      <MATIERE CODE="${s.code}">\n${el('CODE_GESTION', s.gestion, '        ')}${el('LIBELLE_COURT', s.label.toUpperCase(), '        ')}${el('LIBELLE_LONG', s.label.toUpperCase(), '        ')}${el('LIBELLE_EDITION', s.label, '        ')}      </MATIERE>\n`;
  }
  x += '    </MATIERES>\n    <MEFS>\n';
  for (const m of school.mefs) {
    x += `      <MEF CODE="${m.code}">\n${el('FORMATION', m.formation, '        ')}${el('LIBELLE_LONG', m.label.toUpperCase(), '        ')}${el('LIBELLE_EDITION', m.label, '        ')}      </MEF>\n`;
  }
  x += '    </MEFS>\n  </NOMENCLATURES>\n  <DONNEES>\n    <INDIVIDUS>\n';
  for (const s of school.staff.filter((p) => !p.suppleant)) x += staffXml(s, 'INDIVIDU');
  x += '    </INDIVIDUS>\n';
  const suppleants = school.staff.filter((p) => p.suppleant);
  if (legacy) {
    // Before 2017 there was no SUPPLEANTS block: replacements were plain INDIVIDU.
    x = x.replace('    </INDIVIDUS>\n', suppleants.map((s) => staffXml({ ...s, type: 'epp' }, 'INDIVIDU').replace('        <SERVICES_SUPPLEANTS/>\n', '')).join('') + '    </INDIVIDUS>\n');
  } else {
    x += '    <SUPPLEANTS>\n';
    for (const s of suppleants) x += staffXml(s, 'SUPPLEANT');
    x += '    </SUPPLEANTS>\n';
  }
  x += '    <STRUCTURE>\n      <DIVISIONS>\n';
  for (const d of school.divisions) {
    x += `        <DIVISION CODE="${escapeXml(d.code)}">\n${el('LIBELLE_LONG', d.label, '          ')}          <MEFS_APPARTENANCE>\n            <MEF_APPARTENANCE CODE="${d.mef}"/>\n          </MEFS_APPARTENANCE>\n`;
    x += servicesXml('division', d.code, '          ');
    x += '        </DIVISION>\n';
  }
  x += '      </DIVISIONS>\n      <GROUPES>\n';
  for (const g of school.groups) {
    x += `        <GROUPE CODE="${escapeXml(g.code)}">\n${el('LIBELLE_LONG', g.label, '          ')}${el('EFFECTIF_PREVU', '12', '          ')}          <DIVISIONS_APPARTENANCE>\n`;
    for (const code of g.divisions) x += `            <DIVISION_APPARTENANCE CODE="${escapeXml(code)}"><EFFECTIF_PREVU>6</EFFECTIF_PREVU></DIVISION_APPARTENANCE>\n`;
    x += '          </DIVISIONS_APPARTENANCE>\n';
    x += servicesXml('group', g.code, '          ');
    x += '        </GROUPE>\n';
  }
  x += '      </GROUPES>\n    </STRUCTURE>\n  </DONNEES>\n</STS_EDT>\n';
  return x;
}

function beeParameters(school: GenSchool): string {
  return `  <PARAMETRES>\n    <UAJ>${school.uai}</UAJ>\n    <ANNEE_SCOLAIRE>${school.schoolYear}</ANNEE_SCOLAIRE>\n    <DATE_EXPORT>05/09/${school.schoolYear}</DATE_EXPORT>\n    <HORODATAGE>05/09/${school.schoolYear} 10:12:00</HORODATAGE>\n  </PARAMETRES>\n`;
}

export function elevesXml(school: GenSchool, options: SerializeOptions = {}): string {
  const legacy = options.legacy ?? false;
  let x = prolog(ENCODING_PLACEHOLDER);
  x += `<BEE_ELEVES VERSION="${legacy ? '1.8' : '3.0'}">\n` + beeParameters(school) + '  <DONNEES>\n    <ELEVES>\n';
  for (const l of school.learners) {
    x += `      <ELEVE ELEVE_ID="${l.eleveId}"${l.elenoet ? ` ELENOET="${l.elenoet}"` : ''}>\n`;
    const i = '        ';
    x += el('ID_NATIONAL', l.ine, i);
    x += el('ELENOET', l.elenoet, i);
    if (legacy) {
      x += el('NOM', l.usageName ?? l.familyName, i);
    } else {
      x += el('NOM_DE_FAMILLE', l.familyName, i);
      x += el('NOM_USAGE', l.usageName ?? '', i);
    }
    x += el('PRENOM', l.firstName, i);
    x += el('PRENOM2', l.firstName2, i);
    x += el('DATE_NAISS', beeDate(l.birthDate), i);
    x += el('CODE_SEXE', String(l.sex), i);
    x += el('CODE_PAYS', '100', i);
    x += el('DATE_ENTREE', `02/09/${school.schoolYear}`, i);
    x += el('DATE_SORTIE', l.exitDate ? beeDate(l.exitDate) : null, i);
    x += el('CODE_STATUT', 'ST', i);
    x += el('CODE_MEF', l.mef, i);
    x += el('MEL', l.email, i);
    x += `${i}<SCOLARITE_AN_DERNIER>\n${el('CODE_MEF', '10310019110', i + '  ')}${el('CODE_STRUCTURE', '3 A', i + '  ')}${i}</SCOLARITE_AN_DERNIER>\n`;
    x += '      </ELEVE>\n';
  }
  x += '    </ELEVES>\n    <OPTIONS>\n';
  for (const l of school.learners.slice(0, 3)) {
    x += `      <OPTION ELEVE_ID="${l.eleveId}">\n        <OPTIONS_ELEVE>\n          <NUM_OPTION>1</NUM_OPTION>\n          <CODE_MODALITE_ELECT>O</CODE_MODALITE_ELECT>\n          <CODE_MATIERE>030201</CODE_MATIERE>\n        </OPTIONS_ELEVE>\n      </OPTION>\n`;
  }
  x += '    </OPTIONS>\n    <STRUCTURES>\n';
  for (const l of school.learners) {
    const structures: [string, 'D' | 'G'][] = [];
    if (l.division) structures.push([l.division, 'D']);
    if (l.inactifs) structures.push(['Inactifs', 'D']);
    for (const g of l.groups) structures.push([g, 'G']);
    if (structures.length === 0) continue;
    x += `      <STRUCTURES_ELEVE ELEVE_ID="${l.eleveId}"${l.elenoet ? ` ELENOET="${l.elenoet}"` : ''}>\n`;
    for (const [code, type] of structures) {
      x += `        <STRUCTURE>\n          <CODE_STRUCTURE>${escapeXml(code)}</CODE_STRUCTURE>\n          <TYPE_STRUCTURE>${type}</TYPE_STRUCTURE>\n        </STRUCTURE>\n`;
    }
    x += '      </STRUCTURES_ELEVE>\n';
  }
  x += '    </STRUCTURES>\n    <BOURSES />\n  </DONNEES>\n</BEE_ELEVES>\n';
  return x;
}

export function responsablesXml(school: GenSchool, options: SerializeOptions = {}): string {
  const legacy = options.legacy ?? false;
  let x = prolog(ENCODING_PLACEHOLDER);
  x += `<BEE_RESPONSABLES VERSION="${legacy ? '1.7' : '2.1'}">\n` + beeParameters(school) + '  <DONNEES>\n    <PERSONNES>\n';
  for (const p of school.persons) {
    const i = '        ';
    x += `      <PERSONNE PERSONNE_ID="${p.personId}">\n`;
    x += el('LC_CIVILITE', p.civility, i);
    x += el('LL_CIVILITE', p.civility === 'M.' ? 'MONSIEUR' : 'MADAME', i);
    if (legacy) {
      x += el('NOM', p.usageName ?? p.familyName, i);
    } else {
      x += el('NOM_DE_FAMILLE', p.familyName, i);
      x += el('NOM_USAGE', p.usageName, i);
    }
    x += el('PRENOM', p.firstName, i);
    x += el('TEL_PORTABLE', '+33600000000', i);
    x += el('MEL', p.email ?? '', i);
    x += el('ADRESSE_ID', p.addressId, i);
    x += '      </PERSONNE>\n';
  }
  x += '    </PERSONNES>\n    <RESPONSABLES>\n';
  for (const l of school.links) {
    const i = '        ';
    x += '      <RESPONSABLE_ELEVE>\n';
    x += el('ELEVE_ID', l.eleveId, i);
    x += el('PERSONNE_ID', l.personId, i);
    if (legacy) {
      x += el('RESP_LEGAL', l.level === 3 ? '0' : String(l.level), i);
      x += el('CODE_PARENTE', l.relationship, i);
    } else {
      x += el('NIVEAU_RESPONSABILITE', String(l.level), i);
      x += el('CODE_PARENTE', l.relationship, i);
      x += el('PAIE_FRAIS_SCOLAIRES', l.level === 1 ? '1' : '0', i);
      x += el('PERCOIT_LES_AIDES', l.level === 1 ? 'true' : 'false', i);
      x += el('HEBERGE_ELEVE', l.level === 3 ? 'false' : 'true', i);
      x += el('A_CONTACTER_EN_PRIORITE', l.level === 1 ? 'true' : 'false', i);
    }
    x += '      </RESPONSABLE_ELEVE>\n';
  }
  x += '    </RESPONSABLES>\n    <ADRESSES>\n';
  for (const a of school.addresses) {
    x += `      <ADRESSE ADRESSE_ID="${a.id}">\n${el('LIGNE1_ADRESSE', a.line1, '        ')}        <LIGNE2_ADRESSE></LIGNE2_ADRESSE>\n${el('CODE_POSTAL', a.postalCode, '        ')}${el('CODE_PAYS', '100', '        ')}${el('LL_PAYS', 'FRANCE', '        ')}${el('LIBELLE_POSTAL', a.town, '        ')}      </ADRESSE>\n`;
  }
  x += '    </ADRESSES>\n  </DONNEES>\n</BEE_RESPONSABLES>\n';
  return x;
}

/** Text → bytes in `encoding`, with the declaration filled in (and a BOM if asked). */
export function encodeXml(xml: string, options: EncodeOptions = {}): Uint8Array {
  const encoding = options.encoding ?? 'ISO-8859-15';
  const declared = options.declaredEncoding === undefined ? encoding : options.declaredEncoding;
  const text = xml.replace(` encoding="${ENCODING_PLACEHOLDER}"`, declared === null ? '' : ` encoding="${declared}"`);
  const iconvName = encoding === 'UTF-8' ? 'utf8' : encoding === 'ISO-8859-1' ? 'latin1' : 'iso885915';
  const body = new Uint8Array(iconv.encode(text, iconvName));
  if (!options.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** The three files of a school, encoded. */
export function generateSiecleFiles(
  school: GenSchool,
  options: SerializeOptions & EncodeOptions = {},
): { sts: Uint8Array; eleves: Uint8Array; responsables: Uint8Array } {
  return {
    sts: encodeXml(stsXml(school, options), options),
    eleves: encodeXml(elevesXml(school, options), options),
    responsables: encodeXml(responsablesXml(school, options), options),
  };
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main(argv: string[]): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = arg('out') ?? 'var/siecle-fixtures';
  const learners = Number(arg('learners') ?? 1500);
  const encoding = (arg('encoding') ?? 'ISO-8859-15') as GenEncoding;
  const legacy = argv.includes('--legacy');
  const school = makeSchool({ learners, divisions: Math.ceil(learners / 28), departed: Math.ceil(learners / 50), inactifs: 3, noClass: 2, siblings: Math.ceil(learners / 20), contacts: Math.ceil(learners / 10) });
  const files = generateSiecleFiles(school, { encoding, legacy });
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, `sts_emp_${school.uai}_${school.schoolYear}.xml`), files.sts);
  writeFileSync(resolve(out, 'ElevesSansAdresses.xml'), files.eleves);
  writeFileSync(resolve(out, 'ResponsablesAvecAdresses.xml'), files.responsables);
  console.log(`${out}: ${learners} élèves, ${school.persons.length} responsables, ${school.staff.length} personnels`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main(process.argv.slice(2));
}
