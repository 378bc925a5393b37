/**
 * SIECLE `ElevesSansAdresses.xml` / `ElevesAvecAdresses.xml` (root BEE_ELEVES), docs/siecle-formats.md §4.
 *
 * ELEVE records carry the person; divisions and groups come later, in STRUCTURES_ELEVE records
 * keyed by the same ELEVE_ID. Both are collected in one streaming pass and joined at the end
 * (so the order of the blocks does not matter). Learners keep file order.
 */
import { expectRoot } from './detect.ts';
import { beeFileHeader, cleanText, civilityFromSex, parseDate, readBeeParameters, readBirthDate, readNames, requireBeeUai, sexFromCode, warnMissingParameters, type FieldContext } from './fields.ts';
import { INACTIVE_DIVISION_CODE, type ElevesFile, type SiecleFileHeader, type SiecleLearner, type SiecleWarning } from './types.ts';
import { attr, childrenNamed, childText, makeWarning, streamXml, type XmlElement } from './xml-stream.ts';

interface StructureRecord {
  line: number;
  structures: { code: string; type: string | null; line: number }[];
}

export function parseEleves(bytes: Uint8Array, fileName: string): ElevesFile {
  const warnings: SiecleWarning[] = [];
  const ctx = (line: number, externalId: string | null = null): FieldContext => ({ file: fileName, warnings, line, externalId });
  let parameters: Pick<SiecleFileHeader, 'uai' | 'schoolYear' | 'exportDate' | 'exportedAt'> = {
    uai: null,
    schoolYear: null,
    exportDate: null,
    exportedAt: null,
  };
  let parametersLine: number | null = null;
  const learners: SiecleLearner[] = [];
  const byId = new Map<string, SiecleLearner>();
  const structuresById = new Map<string, StructureRecord>();

  const stream = streamXml(bytes, {
    fileName,
    onRoot: (root) => expectRoot(root, 'eleves', fileName),
    records: {
      PARAMETRES: (e) => {
        parametersLine = e.line;
        parameters = readBeeParameters(e, ctx(e.line));
      },
      'DONNEES/ELEVES/ELEVE': (e) => {
        const learner = readLearner(e, fileName, warnings);
        if (!learner) return;
        const previous = byId.get(learner.eleveId);
        if (previous) {
          warnings.push(
            makeWarning('siecle.duplicate_id', fileName, e.line, `l'élève ELEVE_ID=${learner.eleveId} figure deux fois (déjà ligne ${previous.line}) ; seule la première fiche est prise.`, learner.externalId),
          );
          return;
        }
        byId.set(learner.eleveId, learner);
        learners.push(learner);
      },
      'DONNEES/STRUCTURES/STRUCTURES_ELEVE': (e) => {
        const eleveId = attr(e, 'ELEVE_ID') ?? childText(e, 'ELEVE_ID');
        if (eleveId === null) {
          warnings.push(makeWarning('siecle.missing_id', fileName, e.line, 'STRUCTURES_ELEVE sans ELEVE_ID : ignoré.'));
          return;
        }
        const structures = childrenNamed(e, 'STRUCTURE').flatMap((s) => {
          const code = childText(s, 'CODE_STRUCTURE');
          return code === null ? [] : [{ code, type: childText(s, 'TYPE_STRUCTURE'), line: s.line }];
        });
        const existing = structuresById.get(eleveId);
        if (existing) {
          warnings.push(
            makeWarning('siecle.duplicate_structures', fileName, e.line, `plusieurs blocs STRUCTURES_ELEVE pour l'élève ELEVE_ID=${eleveId} (déjà ligne ${existing.line}) : ils sont réunis.`, `eleve:${eleveId}`),
          );
          existing.structures.push(...structures);
        } else {
          structuresById.set(eleveId, { line: e.line, structures });
        }
      },
    },
  });

  for (const [eleveId, record] of structuresById) {
    const learner = byId.get(eleveId);
    if (!learner) {
      warnings.push(
        makeWarning('siecle.unknown_learner', fileName, record.line, `STRUCTURES_ELEVE pour l'élève ELEVE_ID=${eleveId}, absent de la liste des élèves : ignoré.`, `eleve:${eleveId}`),
      );
      continue;
    }
    applyStructures(learner, record, fileName, warnings);
  }

  const seenIne = new Map<string, SiecleLearner>();
  for (const learner of learners) {
    if (learner.nationalId === null) continue;
    const other = seenIne.get(learner.nationalId);
    if (other) {
      warnings.push(
        makeWarning(
          'siecle.duplicate_national_id',
          fileName,
          learner.line,
          `l'INE ${learner.nationalId} de ${learner.firstName} ${learner.lastName} est aussi celui de ${other.firstName} ${other.lastName} (ligne ${other.line}).`,
          learner.externalId,
        ),
      );
    } else {
      seenIne.set(learner.nationalId, learner);
    }
  }

  requireBeeUai(parameters, fileName, parametersLine);
  warnMissingParameters(parameters, ctx(parametersLine ?? 1), parametersLine);
  const divisionCodes = distinct(learners.flatMap((l) => (l.division === null ? [] : [l.division])));
  const groupCodes = distinct(learners.flatMap((l) => l.groups));
  return {
    kind: 'eleves',
    ...beeFileHeader(fileName, stream, 'BEE_ELEVES', parameters, warnings),
    learners,
    divisionCodes,
    groupCodes,
  };
}

function readLearner(e: XmlElement, fileName: string, warnings: SiecleWarning[]): SiecleLearner | null {
  const eleveId = attr(e, 'ELEVE_ID') ?? childText(e, 'ELEVE_ID');
  if (eleveId === null) {
    warnings.push(makeWarning('siecle.missing_id', fileName, e.line, 'élève sans identifiant ELEVE_ID : ignoré.'));
    return null;
  }
  const externalId = `eleve:${eleveId}`;
  const ctx: FieldContext = { file: fileName, warnings, line: e.line, externalId };
  const names = readNames(e, ['NOM_DE_FAMILLE', 'NOM'], ctx);
  const sex = sexFromCode(childText(e, 'CODE_SEXE'));
  return {
    externalId,
    eleveId,
    elenoet: childText(e, 'ELENOET') ?? attr(e, 'ELENOET'),
    nationalId: childText(e, 'ID_NATIONAL', 'INE_RNIE'),
    ...names,
    otherFirstNames: [childText(e, 'PRENOM2'), childText(e, 'PRENOM3')].map(cleanText).filter((p): p is string => p !== null),
    civility: civilityFromSex(sex),
    sex,
    birthDate: readBirthDate(childText(e, 'DATE_NAISS'), `${names.firstName} ${names.lastName}`.trim() || `l'élève ${eleveId}`, ctx),
    entryDate: parseDate(childText(e, 'DATE_ENTREE'), 'DATE_ENTREE', ctx),
    exitDate: parseDate(childText(e, 'DATE_SORTIE'), 'DATE_SORTIE', ctx),
    exitReasonCode: childText(e, 'CODE_MOTIF_SORTIE'),
    email: childText(e, 'MEL'),
    // A direct child only: SCOLARITE_AN_DERNIER/CODE_MEF is last year's.
    mef: childText(e, 'CODE_MEF'),
    status: childText(e, 'CODE_STATUT'),
    division: null,
    groups: [],
    inInactiveDivision: false,
    line: e.line,
  };
}

function applyStructures(learner: SiecleLearner, record: StructureRecord, fileName: string, warnings: SiecleWarning[]): void {
  const divisions: { code: string; line: number }[] = [];
  for (const s of record.structures) {
    const type = s.type?.toUpperCase() ?? null;
    if (type === 'D') {
      if (s.code === INACTIVE_DIVISION_CODE) learner.inInactiveDivision = true;
      else if (!divisions.some((d) => d.code === s.code)) divisions.push(s);
    } else if (type === 'G') {
      if (!learner.groups.includes(s.code)) learner.groups.push(s.code);
    } else {
      warnings.push(
        makeWarning('siecle.unknown_structure_type', fileName, s.line, `structure « ${s.code} » de type « ${s.type ?? ''} » inconnu (D ou G attendu) : ignorée.`, learner.externalId),
      );
    }
  }
  learner.division = divisions[0]?.code ?? null;
  if (divisions.length > 1) {
    warnings.push(
      makeWarning(
        'siecle.several_divisions',
        fileName,
        record.line,
        `${learner.firstName} ${learner.lastName} est dans plusieurs divisions (${divisions.map((d) => d.code).join(', ')}) ; seule ${divisions[0]!.code} est retenue.`,
        learner.externalId,
      ),
    );
  }
}

/**
 * What docs/design.md §4 does with a learner on the import date `today` (ISO `aaaa-mm-jj`):
 * - `left`: DATE_SORTIE before today (a future exit date does not count yet; on the exit day the
 *   learner still has access);
 * - `inactive`: no real division, and listed in the pseudo-division `Inactifs`;
 * - `active`: everyone else, including learners *sans classe* (`division === null`), who get an
 *   account and a warning in the report.
 */
export function learnerStatus(learner: Pick<SiecleLearner, 'exitDate' | 'division' | 'inInactiveDivision'>, today: string): 'active' | 'left' | 'inactive' {
  if (learner.exitDate !== null && learner.exitDate < today) return 'left';
  if (learner.division === null && learner.inInactiveDivision) return 'inactive';
  return 'active';
}

/** The report line docs/design.md §4 asks for a learner imported *sans classe*. */
export function learnerWithoutDivisionWarning(learner: SiecleLearner, fileName: string): SiecleWarning {
  const groups = learner.groups.length > 0 ? ` (groupes : ${learner.groups.join(', ')})` : '';
  return makeWarning(
    'siecle.learner_without_division',
    fileName,
    learner.line,
    `${learner.firstName} ${learner.lastName} n'est dans aucune division${groups} : son compte apparaît « sans classe ».`,
    learner.externalId,
  );
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
