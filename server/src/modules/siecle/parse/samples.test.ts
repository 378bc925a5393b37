/**
 * Every real-world sample of server/test/fixtures/siecle/samples (copied from
 * ../shared/siecle/samples; provenance in SOURCES.txt) and what it must give.
 */
import { describe, expect, it } from 'vitest';
import { expectSiecleError, readSample } from '../../../../test/fixtures/siecle/helpers.ts';
import { decodeXml } from './decode.ts';
import { learnerStatus, learnerWithoutDivisionWarning, parseEleves, parseResponsables, parseSiecleUpload, parseSiecleXml, type ElevesFile } from './index.ts';

function eleves(name: string): ElevesFile {
  const file = parseSiecleXml(readSample(name), name);
  expect(file.kind).toBe('eleves');
  return file as ElevesFile;
}

describe('dossiersco__eleves_avec_adresse_avec_double_structure.xml', () => {
  const name = 'dossiersco__eleves_avec_adresse_avec_double_structure.xml';

  it('is read as ISO-8859-15, really encoded so', () => {
    const { text, info } = decodeXml(readSample(name), name);
    expect(info).toMatchObject({ encoding: 'iso-8859-15', declaredEncoding: 'ISO-8859-15', bom: null, repair: null });
    expect(text).toContain('Allée DE BARCELONE');
  });

  it('gives one learner in a division and a group', () => {
    const file = eleves(name);
    expect(file).toMatchObject({ uai: '0660864F', schoolYear: 2019, version: '3.0', exportDate: '2019-08-29', exportedAt: '2019-08-29T09:45:58', warnings: [] });
    expect(file.learners).toEqual([
      {
        externalId: 'eleve:1541944',
        eleveId: '1541944',
        elenoet: null,
        nationalId: '070876696HA',
        lastName: 'ESCAGLIA',
        birthLastName: 'ESCAGLIA',
        usageLastName: null,
        firstName: 'Jeanine',
        otherFirstNames: [],
        civility: 'M.',
        sex: 'M',
        birthDate: '2002-06-21',
        entryDate: '2016-09-01',
        exitDate: null,
        exitReasonCode: null,
        email: null,
        // The current CODE_MEF, not SCOLARITE_AN_DERNIER's 10210001110.
        mef: '10310019110',
        status: 'ST',
        division: '301',
        groups: ['_301P1'],
        inInactiveDivision: false,
        line: 11,
      },
    ]);
    expect(file.divisionCodes).toEqual(['301']);
    expect(file.groupCodes).toEqual(['_301P1']);
  });
});

describe('dossiersco__eleves_avec_adresse_simple.xml (not well-formed)', () => {
  const name = 'dossiersco__eleves_avec_adresse_simple.xml';

  it('is refused at line 139, naming the tag opened line 134', () => {
    const error = expectSiecleError(() => parseEleves(readSample(name), name), 'siecle.malformed_xml', 139);
    expect(error.message).toBe(
      `${name}, ligne 139 : balise fermante inattendue : la balise <STRICTURES_ELEVE> ouverte ligne 134 n'est pas refermée par la bonne balise.`,
    );
  });

  it('is recognised as an Élèves export all the same (the error is further down)', () => {
    expectSiecleError(() => parseSiecleUpload(readSample(name), name), 'siecle.malformed_xml', 139);
  });
});

describe('dossiersco__responsables_avec_adresses_simple.xml', () => {
  const name = 'dossiersco__responsables_avec_adresses_simple.xml';

  it('gives three persons sharing one address and three level-1 links', () => {
    const file = parseResponsables(readSample(name), name);
    expect(file).toMatchObject({ kind: 'responsables', uai: '0140070A', schoolYear: 2018, version: '2.1', exportDate: '2019-06-05', warnings: [] });
    expect(file.persons.map((p) => [p.externalId, p.civility, p.firstName, p.lastName, p.email])).toEqual([
      ['resp:209401', 'Mme', 'Maryline', 'ROCK', 'rock33445570@hotmail.fr'],
      ['resp:209406', 'Mme', 'Bidule', 'TRUC', 'bidulechose@hotmail.fr'],
      ['resp:209400', 'Mme', 'Ada', 'LOVELACE', 'bidulechose@hotmail.fr'],
    ]);
    const address = { lines: ['18 RUE DES HOMMETS', 'MEZIDON CANON'], postalCode: '14270', town: 'MEZIDON VALLEE D AUGE', country: 'FRANCE' };
    for (const p of file.persons) expect(p.address).toEqual(address);
    expect(file.persons[0]!.phones).toEqual({ home: '+33231204444', mobile: '+33764444288', work: null });
    expect(file.links).toEqual([
      {
        learnerExternalId: 'eleve:610308',
        eleveId: '610308',
        personExternalId: 'resp:209401',
        personId: '209401',
        level: 1,
        levelSource: 'NIVEAU_RESPONSABILITE',
        rawLevel: '1',
        isLegalGuardian: true,
        relationshipCode: '10',
        paysFees: true,
        receivesAid: true,
        housesLearner: true,
        priorityContact: true,
        line: 55,
      },
      expect.objectContaining({ eleveId: '610308', personId: '209406', level: 1, paysFees: false, priorityContact: false, line: 65 }),
      expect.objectContaining({ eleveId: '610305', personId: '209400', level: 1, isLegalGuardian: true, line: 75 }),
    ]);
  });
});

describe('pix__siecle-with-bom.xml', () => {
  const name = 'pix__siecle-with-bom.xml';

  it('skips the UTF-8 BOM and reads the usage name', () => {
    const file = eleves(name);
    expect(file.decoding).toMatchObject({ encoding: 'utf-8', bom: 'utf-8', declaredEncoding: 'UTF-8', start: 3 });
    expect(file.uai).toBe('123ABC');
    expect(file.learners).toHaveLength(1);
    expect(file.learners[0]).toMatchObject({
      externalId: 'eleve:0001',
      lastName: 'COJAUNE',
      usageLastName: 'COJAUNE',
      birthLastName: 'COVERT',
      firstName: 'Harry',
      otherFirstNames: ['Coco'],
      birthDate: '1994-12-31',
      division: '4A',
      line: 8,
    });
  });

  it('warns that the school year is missing (the Pix fixtures only carry UAJ)', () => {
    expect(eleves(name).warnings.map((w) => w.code)).toEqual(['siecle.missing_school_year']);
  });
});

describe('pix__siecle-with-duplicate-national-student-id.xml', () => {
  const name = 'pix__siecle-with-duplicate-national-student-id.xml';

  it('keeps both learners and warns about the shared INE', () => {
    const file = eleves(name);
    expect(file.learners.map((l) => [l.eleveId, l.nationalId, l.division, l.groups, l.mef])).toEqual([
      // Learner 0001's only CODE_MEF is inside SCOLARITE_AN_DERNIER (last year): not this year's.
      ['0001', '00000000123', '4A', [], null],
      ['0002', '00000000123', '4A', ['42'], '12341234'],
    ]);
    const duplicate = file.warnings.find((w) => w.code === 'siecle.duplicate_national_id');
    expect(duplicate).toMatchObject({ line: 24, externalId: 'eleve:0002' });
    expect(duplicate!.message).toContain('00000000123');
    expect(file.learners[0]!.otherFirstNames).toEqual(['Léa', 'Lucy']);
  });
});

describe('pix__siecle-with-registrations-no-longer-in-school.xml', () => {
  const name = 'pix__siecle-with-registrations-no-longer-in-school.xml';

  it('gives each learner its situation', () => {
    const file = eleves(name);
    expect(file.learners.map((l) => ({ id: l.eleveId, ine: l.nationalId, division: l.division, groups: l.groups, inactifs: l.inInactiveDivision, exit: l.exitDate }))).toEqual([
      { id: '0001', ine: '00000000123', division: null, groups: [], inactifs: false, exit: null },
      { id: '0002', ine: '00000000124', division: null, groups: [], inactifs: true, exit: null },
      { id: '0003', ine: null, division: '4e 1', groups: [], inactifs: false, exit: null },
      { id: '0004', ine: '00000000125', division: null, groups: ['4e 1'], inactifs: false, exit: null },
      { id: '0005', ine: '00000000126', division: '4e 1', groups: [], inactifs: false, exit: '2019-09-01' },
    ]);
    expect(file.learners[2]).toMatchObject({ lastName: 'FRANCIS--FROUFROU', firstName: 'Grégory' });
    expect(file.divisionCodes).toEqual(['4e 1']);
  });

  it('maps to docs/design.md §4 statuses', () => {
    const file = eleves(name);
    const statuses = (today: string) => file.learners.map((l) => learnerStatus(l, today));
    // 0001 no structure at all and 0004 only a group: active, *sans classe*; 0002 Inactifs only.
    expect(statuses('2019-10-01')).toEqual(['active', 'inactive', 'active', 'active', 'left']);
    // Before (and on) the exit date, 0005 is still there.
    expect(statuses('2019-09-01')).toEqual(['active', 'inactive', 'active', 'active', 'active']);
  });

  it('gives the *sans classe* report line for 0001 and 0004', () => {
    const file = eleves(name);
    const lines = file.learners
      .filter((l) => learnerStatus(l, '2019-10-01') === 'active' && l.division === null)
      .map((l) => learnerWithoutDivisionWarning(l, file.fileName).message);
    expect(lines).toEqual([
      `${name}, ligne 8 : Luciole HANDMADE n'est dans aucune division : son compte apparaît « sans classe ».`,
      `${name}, ligne 45 : COLIN FRANGE n'est dans aucune division (groupes : 4e 1) : son compte apparaît « sans classe ».`,
    ]);
  });
});

describe('pix__siecle-with-two-valid-students.xml', () => {
  const name = 'pix__siecle-with-two-valid-students.xml';

  it('decodes œ as ISO-8859-15 (byte 0xBD), not ½', () => {
    const file = eleves(name);
    expect(file.learners[1]!.otherFirstNames).toEqual(['Cocœ']);
  });

  it('gives two learners with sex, division and groups', () => {
    const file = eleves(name);
    expect(file.learners.map((l) => [l.externalId, l.civility, l.lastName, l.firstName, l.division, l.groups])).toEqual([
      ['eleve:0001', 'Mme', 'HANDMADE', 'Luciole', '4A', []],
      ['eleve:0002', 'M.', 'COJAUNE', 'Harry', '4A', ['42']],
    ]);
  });
});
