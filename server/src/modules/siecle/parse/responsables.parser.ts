/**
 * SIECLE `ResponsablesAvecAdresses.xml` (root BEE_RESPONSABLES), docs/siecle-formats.md §5.
 *
 * PERSONNES, RESPONSABLES (learner ↔ person links, ids as child elements) and ADRESSES are read
 * in one pass and joined at the end. Both layouts are understood: since 30/03/2018
 * NIVEAU_RESPONSABILITE 1/2/3, before that RESP_LEGAL 1/2/0; legacy `NOM` for the last name.
 * Every person and link is returned: keeping only those linked to learners with an account is
 * the use case's job (it needs the Élèves file for that).
 */
import { expectRoot } from './detect.ts';
import { beeFileHeader, civilityFromLabel, cleanText, parseBoolean, readBeeParameters, readNames, requireBeeUai, warnMissingParameters, type FieldContext } from './fields.ts';
import type {
  ResponsablesFile,
  ResponsibilityLevel,
  SiecleAddress,
  SiecleFileHeader,
  SiecleResponsibilityLink,
  SiecleResponsiblePerson,
  SiecleWarning,
} from './types.ts';
import { attr, childText, makeWarning, streamXml, type XmlElement } from './xml-stream.ts';

export function parseResponsables(bytes: Uint8Array, fileName: string): ResponsablesFile {
  const warnings: SiecleWarning[] = [];
  const ctx = (line: number, externalId: string | null = null): FieldContext => ({ file: fileName, warnings, line, externalId });
  let parameters: Pick<SiecleFileHeader, 'uai' | 'schoolYear' | 'exportDate' | 'exportedAt'> = {
    uai: null,
    schoolYear: null,
    exportDate: null,
    exportedAt: null,
  };
  let parametersLine: number | null = null;
  const persons: SiecleResponsiblePerson[] = [];
  const personsById = new Map<string, SiecleResponsiblePerson>();
  const rawLinks: SiecleResponsibilityLink[] = [];
  const addresses = new Map<string, SiecleAddress>();

  const stream = streamXml(bytes, {
    fileName,
    onRoot: (root) => expectRoot(root, 'responsables', fileName),
    records: {
      PARAMETRES: (e) => {
        parametersLine = e.line;
        parameters = readBeeParameters(e, ctx(e.line));
      },
      'DONNEES/PERSONNES/PERSONNE': (e) => {
        const person = readPerson(e, fileName, warnings);
        if (!person) return;
        const previous = personsById.get(person.personId);
        if (previous) {
          warnings.push(
            makeWarning('siecle.duplicate_id', fileName, e.line, `la personne PERSONNE_ID=${person.personId} figure deux fois (déjà ligne ${previous.line}) ; seule la première fiche est prise.`, person.externalId),
          );
          return;
        }
        personsById.set(person.personId, person);
        persons.push(person);
      },
      'DONNEES/RESPONSABLES/RESPONSABLE_ELEVE': (e) => {
        const link = readLink(e, fileName, warnings);
        if (link) rawLinks.push(link);
      },
      'DONNEES/ADRESSES/ADRESSE': (e) => {
        const id = attr(e, 'ADRESSE_ID') ?? childText(e, 'ADRESSE_ID');
        if (id !== null && !addresses.has(id)) addresses.set(id, readAddress(e));
      },
    },
  });

  for (const person of persons) {
    if (person.addressId !== null) person.address = addresses.get(person.addressId) ?? null;
  }

  const links: SiecleResponsibilityLink[] = [];
  const seen = new Map<string, SiecleResponsibilityLink>();
  for (const link of rawLinks) {
    if (!personsById.has(link.personId)) {
      warnings.push(
        makeWarning('siecle.unknown_person', fileName, link.line, `le responsable PERSONNE_ID=${link.personId} de l'élève ELEVE_ID=${link.eleveId} est absent de la liste des personnes : lien ignoré.`, link.personExternalId),
      );
      continue;
    }
    const key = `${link.eleveId}\u0000${link.personId}`;
    const previous = seen.get(key);
    if (previous) {
      warnings.push(
        makeWarning('siecle.duplicate_link', fileName, link.line, `le lien entre l'élève ELEVE_ID=${link.eleveId} et la personne PERSONNE_ID=${link.personId} figure deux fois (déjà ligne ${previous.line}) ; seul le premier est pris.`, link.personExternalId),
      );
      continue;
    }
    seen.set(key, link);
    links.push(link);
  }

  requireBeeUai(parameters, fileName, parametersLine);
  warnMissingParameters(parameters, ctx(parametersLine ?? 1), parametersLine);
  return {
    kind: 'responsables',
    ...beeFileHeader(fileName, stream, 'BEE_RESPONSABLES', parameters, warnings),
    persons,
    links,
  };
}

function readPerson(e: XmlElement, fileName: string, warnings: SiecleWarning[]): SiecleResponsiblePerson | null {
  const personId = attr(e, 'PERSONNE_ID') ?? childText(e, 'PERSONNE_ID');
  if (personId === null) {
    warnings.push(makeWarning('siecle.missing_id', fileName, e.line, 'personne sans identifiant PERSONNE_ID : ignorée.'));
    return null;
  }
  const externalId = `resp:${personId}`;
  const ctx: FieldContext = { file: fileName, warnings, line: e.line, externalId };
  return {
    externalId,
    personId,
    ...readNames(e, ['NOM_DE_FAMILLE', 'NOM'], ctx),
    civility: civilityFromLabel(childText(e, 'LC_CIVILITE')) ?? civilityFromLabel(childText(e, 'LL_CIVILITE')),
    email: childText(e, 'MEL'),
    phones: {
      home: childText(e, 'TEL_PERSONNEL'),
      mobile: childText(e, 'TEL_PORTABLE'),
      work: childText(e, 'TEL_PROFESSIONNEL'),
    },
    addressId: childText(e, 'ADRESSE_ID'),
    address: null,
    line: e.line,
  };
}

function readLink(e: XmlElement, fileName: string, warnings: SiecleWarning[]): SiecleResponsibilityLink | null {
  const eleveId = childText(e, 'ELEVE_ID') ?? attr(e, 'ELEVE_ID');
  const personId = childText(e, 'PERSONNE_ID') ?? attr(e, 'PERSONNE_ID');
  if (eleveId === null || personId === null) {
    warnings.push(makeWarning('siecle.missing_id', fileName, e.line, `RESPONSABLE_ELEVE sans ${eleveId === null ? 'ELEVE_ID' : 'PERSONNE_ID'} : ignoré.`));
    return null;
  }
  const level = readLevel(e);
  if (level.levelSource === null) {
    warnings.push(
      makeWarning(
        'siecle.missing_responsibility',
        fileName,
        e.line,
        `le lien entre l'élève ELEVE_ID=${eleveId} et la personne PERSONNE_ID=${personId} n'indique ni NIVEAU_RESPONSABILITE ni RESP_LEGAL : cette personne n'est pas considérée comme responsable légal.`,
        `resp:${personId}`,
      ),
    );
  }
  return {
    learnerExternalId: `eleve:${eleveId}`,
    eleveId,
    personExternalId: `resp:${personId}`,
    personId,
    ...level,
    isLegalGuardian: level.level === 1 || level.level === 2,
    relationshipCode: childText(e, 'CODE_PARENTE'),
    paysFees: parseBoolean(childText(e, 'PAIE_FRAIS_SCOLAIRES')),
    receivesAid: parseBoolean(childText(e, 'PERCOIT_LES_AIDES')),
    housesLearner: parseBoolean(childText(e, 'HEBERGE_ELEVE')),
    priorityContact: parseBoolean(childText(e, 'A_CONTACTER_EN_PRIORITE')),
    line: e.line,
  };
}

/** NIVEAU_RESPONSABILITE wins when both are present (a file in transition). See ResponsibilityLevel. */
function readLevel(e: XmlElement): Pick<SiecleResponsibilityLink, 'level' | 'levelSource' | 'rawLevel'> {
  const niveau = childText(e, 'NIVEAU_RESPONSABILITE');
  if (niveau !== null) return { level: normaliseLevel(niveau), levelSource: 'NIVEAU_RESPONSABILITE', rawLevel: niveau };
  const respLegal = childText(e, 'RESP_LEGAL');
  if (respLegal !== null) return { level: normaliseLevel(respLegal), levelSource: 'RESP_LEGAL', rawLevel: respLegal };
  return { level: null, levelSource: null, rawLevel: null };
}

function normaliseLevel(value: string): ResponsibilityLevel {
  const n = Number(value);
  return n === 1 ? 1 : n === 2 ? 2 : 3;
}

function readAddress(e: XmlElement): SiecleAddress {
  const lines = ['LIGNE1_ADRESSE', 'LIGNE2_ADRESSE', 'LIGNE3_ADRESSE', 'LIGNE4_ADRESSE']
    .map((name) => cleanText(childText(e, name)))
    .filter((l): l is string => l !== null);
  return {
    lines,
    postalCode: childText(e, 'CODE_POSTAL'),
    town: cleanText(childText(e, 'LIBELLE_POSTAL', 'COMMUNE_ETRANGERE', 'LL_COMMUNE_INSEE')),
    country: cleanText(childText(e, 'LL_PAYS')),
  };
}
