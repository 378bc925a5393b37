import { describe, expect, it } from 'vitest';
import { encodeXml } from '../synthetic/generate.ts';
import { expectSiecleError, lineOf } from '../../../../test/fixtures/siecle/helpers.ts';
import { parseStsEmp, staffKind } from './sts.parser.ts';

/** The example of docs/siecle-formats.md §3.5 (constructed from the parsers, not a real export). */
const FORMATS_EXAMPLE = `<?xml version="1.0" encoding="ISO-8859-15"?>
<STS_EDT>
  <PARAMETRES>
    <UAJ CODE="0990001X">
      <ACADEMIE><CODE>99</CODE><LIBELLE>EXEMPLE</LIBELLE></ACADEMIE>
      <SIGLE>LP</SIGLE>
      <DENOM_PRINC>LYCEE PROFESSIONNEL</DENOM_PRINC>
      <DENOM_COMPL>JEAN EXEMPLE</DENOM_COMPL>
      <CODE_POSTAL>99000</CODE_POSTAL>
      <COMMUNE>EXEMPLEVILLE</COMMUNE>
    </UAJ>
    <ANNEE_SCOLAIRE ANNEE="2024">
      <DATE_DEBUT>2024-09-02</DATE_DEBUT>
      <DATE_FIN>2025-07-05</DATE_FIN>
    </ANNEE_SCOLAIRE>
  </PARAMETRES>
  <NOMENCLATURES>
    <MATIERES>
      <MATIERE CODE="061300">   <!-- code and labels illustrative -->
        <CODE_GESTION>MATHS</CODE_GESTION>
        <LIBELLE_COURT>MATHEMATIQUES</LIBELLE_COURT>
        <LIBELLE_LONG>MATHEMATIQUES</LIBELLE_LONG>
        <LIBELLE_EDITION>Mathématiques</LIBELLE_EDITION>
      </MATIERE>
    </MATIERES>
    <MEFS>
      <MEF CODE="24700000000">  <!-- 11-char MEF code, value illustrative -->
        <FORMATION>1PRO MELEC</FORMATION>
        <LIBELLE_LONG>1PRO METIERS ELECTRICITE ENVIRONNEMENTS CONNECTES</LIBELLE_LONG>
        <LIBELLE_EDITION>1re pro métiers électricité</LIBELLE_EDITION>
      </MEF>
    </MEFS>
  </NOMENCLATURES>
  <DONNEES>
    <INDIVIDUS>
      <INDIVIDU ID="12345" TYPE="epp">
        <SEXE>2</SEXE>
        <CIVILITE>2</CIVILITE>
        <NOM_USAGE>DURAND</NOM_USAGE>
        <NOM_PATRONYMIQUE>MARTIN</NOM_PATRONYMIQUE>
        <PRENOM>CLAIRE</PRENOM>
        <DATE_NAISSANCE>1980-05-17</DATE_NAISSANCE>
        <GRADE>CERT. CL N</GRADE>
        <FONCTION>ENS</FONCTION>
        <PROFS_PRINC>
          <PROF_PRINC>
            <CODE_STRUCTURE>1MELEC</CODE_STRUCTURE>
            <DATE_DEBUT>2024-09-02</DATE_DEBUT>
            <DATE_FIN>2025-07-05</DATE_FIN>
          </PROF_PRINC>
        </PROFS_PRINC>
        <DISCIPLINES>
          <DISCIPLINE CODE="L1300">
            <LIBELLE_COURT>MATHEMATIQUES</LIBELLE_COURT>
            <NB_HEURES>18.00</NB_HEURES>
          </DISCIPLINE>
        </DISCIPLINES>
      </INDIVIDU>
      <INDIVIDU ID="12346" TYPE="epp">
        <SEXE>1</SEXE><CIVILITE>1</CIVILITE>
        <NOM_USAGE>PROVISEUR</NOM_USAGE><NOM_PATRONYMIQUE>PROVISEUR</NOM_PATRONYMIQUE>
        <PRENOM>PAUL</PRENOM><DATE_NAISSANCE>1970-01-31</DATE_NAISSANCE>
        <FONCTION>DIR</FONCTION>
      </INDIVIDU>
      <INDIVIDU ID="3506" TYPE="local">   <!-- shape quoted from GEPI professeurs.php comment -->
        <SEXE/>
        <CIVILITE>3</CIVILITE>
        <NOM_USAGE>ZETOFREY</NOM_USAGE>
        <NOM_PATRONYMIQUE/>
        <PRENOM>MELANIE</PRENOM>
      </INDIVIDU>
    </INDIVIDUS>
    <STRUCTURE>
      <DIVISIONS>
        <DIVISION CODE="1MELEC">
          <LIBELLE_LONG>1ERE PRO MELEC</LIBELLE_LONG>
          <MEFS_APPARTENANCE>
            <MEF_APPARTENANCE CODE="24700000000"/>
          </MEFS_APPARTENANCE>
          <SERVICES>
            <SERVICE CODE_MATIERE="061300" CODE_MOD_COURS="CG">
              <ENSEIGNANTS>
                <ENSEIGNANT ID="12345" TYPE="epp"/>
              </ENSEIGNANTS>
            </SERVICE>
          </SERVICES>
        </DIVISION>
      </DIVISIONS>
      <GROUPES>
        <GROUPE CODE="1MELEC_G1">
          <LIBELLE_LONG>1MELEC GROUPE 1</LIBELLE_LONG>
          <EFFECTIF_PREVU>12</EFFECTIF_PREVU>
          <DIVISIONS_APPARTENANCE>
            <DIVISION_APPARTENANCE CODE="1MELEC"><EFFECTIF_PREVU>12</EFFECTIF_PREVU></DIVISION_APPARTENANCE>
          </DIVISIONS_APPARTENANCE>
          <SERVICES>
            <SERVICE CODE_MATIERE="061300" CODE_MOD_COURS="CG">
              <ENSEIGNANTS><ENSEIGNANT ID="12345" TYPE="epp"/></ENSEIGNANTS>
            </SERVICE>
          </SERVICES>
        </GROUPE>
      </GROUPES>
    </STRUCTURE>
  </DONNEES>
</STS_EDT>
`;

const latin9 = (xml: string) => encodeXml(xml.replace(' encoding="ISO-8859-15"', ' encoding="__ENCODING__"'), { encoding: 'ISO-8859-15' });

/** A minimal sts_emp around some INDIVIDUS, SUPPLEANTS and STRUCTURE content. */
function sts(individus: string, structure = '', extra = ''): Uint8Array {
  return latin9(`<?xml version="1.0" encoding="ISO-8859-15"?>
<STS_EDT>
  <PARAMETRES><UAJ CODE="0990001X"/><ANNEE_SCOLAIRE ANNEE="2024"/></PARAMETRES>
  <DONNEES>
    <INDIVIDUS>
${individus}
    </INDIVIDUS>
${extra}
    <STRUCTURE>
${structure}
    </STRUCTURE>
  </DONNEES>
</STS_EDT>
`);
}

describe('parseStsEmp — docs/siecle-formats.md §3.5 example', () => {
  const file = parseStsEmp(latin9(FORMATS_EXAMPLE), 'sts_emp_0990001X_2024.xml');

  it('reads parameters, nomenclatures and structures', () => {
    expect(file).toMatchObject({ kind: 'sts', rootElement: 'STS_EDT', version: null, uai: '0990001X', schoolYear: 2024, schoolYearStart: '2024-09-02', schoolYearEnd: '2025-07-05', warnings: [] });
    expect(file.subjects).toEqual([{ code: '061300', managementCode: 'MATHS', label: 'Mathématiques' }]);
    expect(file.mefs).toEqual([{ code: '24700000000', shortLabel: '1PRO MELEC', label: '1re pro métiers électricité' }]);
    expect(file.divisions).toEqual([{ code: '1MELEC', label: '1ERE PRO MELEC', mefs: ['24700000000'], line: lineOf(FORMATS_EXAMPLE, '<DIVISION CODE') }]);
    expect(file.groups).toEqual([{ code: '1MELEC_G1', label: '1MELEC GROUPE 1', divisions: ['1MELEC'], line: lineOf(FORMATS_EXAMPLE, '<GROUPE CODE') }]);
  });

  it('reads the teacher with usage and birth names, main-teacher role, disciplines and services', () => {
    expect(file.staff[0]).toEqual({
      externalId: 'sts:12345',
      stsId: '12345',
      block: 'individu',
      individualType: 'epp',
      kind: 'teacher',
      kindReason: 'function_ens',
      function: 'ENS',
      lastName: 'DURAND',
      birthLastName: 'MARTIN',
      usageLastName: 'DURAND',
      firstName: 'CLAIRE',
      civility: 'Mme',
      sex: 'F',
      birthDate: '1980-05-17',
      grade: 'CERT. CL N',
      discipline: 'MATHEMATIQUES',
      disciplines: [{ code: 'L1300', label: 'MATHEMATIQUES', hours: 18 }],
      mainTeacherOf: [{ structureCode: '1MELEC', startDate: '2024-09-02', endDate: '2025-07-05' }],
      services: [
        { structureType: 'division', structureCode: '1MELEC', subjectCode: '061300', discipline: 'Mathématiques', teachingMode: 'CG' },
        { structureType: 'group', structureCode: '1MELEC_G1', subjectCode: '061300', discipline: 'Mathématiques', teachingMode: 'CG' },
      ],
      line: lineOf(FORMATS_EXAMPLE, '<INDIVIDU ID="12345"'),
    });
  });

  it('makes the DIR a head and ignores a local person without function nor service', () => {
    expect(file.staff[1]).toMatchObject({ externalId: 'sts:12346', kind: 'head', kindReason: 'function_dir', civility: 'M.', lastName: 'PROVISEUR' });
    expect(file.staff[2]).toMatchObject({
      externalId: 'sts:3506',
      individualType: 'local',
      kind: 'ignored',
      kindReason: 'no_function_no_service',
      function: null,
      civility: 'Mme', // CIVILITE 3 (Mlle)
      sex: 'F',
      birthDate: null,
      birthLastName: null,
      lastName: 'ZETOFREY',
    });
  });
});

describe('parseStsEmp — kinds (docs/design.md §4)', () => {
  const person = (id: string, fn: string | null, type = 'epp', tag = 'INDIVIDU') =>
    `<${tag} ID="${id}" TYPE="${type}"><NOM_USAGE>N${id}</NOM_USAGE><PRENOM>P${id}</PRENOM><DATE_NAISSANCE>1980-01-01</DATE_NAISSANCE>${fn ? `<FONCTION>${fn}</FONCTION>` : ''}</${tag}>`;
  const service = (ids: string[], subject = '061300') =>
    `<SERVICE CODE_MATIERE="${subject}"><ENSEIGNANTS>${ids.map((id) => `<ENSEIGNANT ID="${id}" TYPE="epp"/>`).join('')}</ENSEIGNANTS></SERVICE>`;

  it('classifies every case', () => {
    const file = parseStsEmp(
      sts(
        [person('1', 'ENS'), person('2', 'DIR'), person('3', 'EDU'), person('4', null, 'local'), person('5', null, 'local'), person('6', null, 'dir'), person('7', 'DOC')].join('\n'),
        `<DIVISIONS><DIVISION CODE="2GA1"><SERVICES>${service(['4', '7'])}${service(['8'])}</SERVICES></DIVISION></DIVISIONS>`,
        `<SUPPLEANTS>${person('8', null, 'eppsup', 'SUPPLEANT')}</SUPPLEANTS>`,
      ),
      'sts.xml',
    );
    expect(file.staff.map((p) => [p.stsId, p.kind, p.kindReason])).toEqual([
      ['1', 'teacher', 'function_ens'],
      ['2', 'head', 'function_dir'],
      ['3', 'ignored', 'other_function'],
      ['4', 'teacher', 'services_without_function'],
      ['5', 'ignored', 'no_function_no_service'],
      ['6', 'head', 'type_dir_without_function'],
      // A documentalist with a service stays ignored: FONCTION is explicit.
      ['7', 'ignored', 'other_function'],
      ['8', 'teacher', 'suppleant'],
    ]);
    expect(file.staff[7]).toMatchObject({ block: 'suppleant', individualType: 'eppsup', services: [expect.objectContaining({ structureCode: '2GA1' })] });
  });

  it('staffKind is usable on its own', () => {
    expect(staffKind({ block: 'individu', function: null, individualType: 'local', services: [] })).toEqual({ kind: 'ignored', reason: 'no_function_no_service' });
  });

  it('keeps services of a head who also teaches', () => {
    const file = parseStsEmp(sts(person('2', 'DIR'), `<DIVISIONS><DIVISION CODE="2GA1"><SERVICES>${service(['2'])}</SERVICES></DIVISION></DIVISIONS>`), 'sts.xml');
    expect(file.staff[0]).toMatchObject({ kind: 'head', services: [expect.objectContaining({ structureCode: '2GA1', discipline: '061300' })] });
  });
});

describe('parseStsEmp — quirks', () => {
  it('tolerates services naming unknown teachers (one warning per id), co-teaching and duplicates', () => {
    const file = parseStsEmp(
      sts(
        '<INDIVIDU ID="1"><NOM_USAGE>A</NOM_USAGE><PRENOM>B</PRENOM><FONCTION>ENS</FONCTION></INDIVIDU><INDIVIDU ID="2"><NOM_USAGE>C</NOM_USAGE><PRENOM>D</PRENOM><FONCTION>ENS</FONCTION></INDIVIDU>',
        `<DIVISIONS><DIVISION CODE="2 GA/1"><SERVICES>
           <SERVICE CODE_MATIERE="061300"><ENSEIGNANTS><ENSEIGNANT TYPE="epp" ID="1"/><ENSEIGNANT ID="2" TYPE="epp"/><ENSEIGNANT ID="99"/></ENSEIGNANTS></SERVICE>
           <SERVICE CODE_MATIERE="061300"><ENSEIGNANTS><ENSEIGNANT ID="1"/><ENSEIGNANT ID="99"/></ENSEIGNANTS></SERVICE>
         </SERVICES></DIVISION></DIVISIONS>`,
      ),
      'sts.xml',
    );
    expect(file.staff.map((p) => p.services.map((s) => s.structureCode))).toEqual([['2 GA/1'], ['2 GA/1']]);
    expect(file.staff[0]!.services[0]!.teachingMode).toBeNull();
    expect(file.warnings.map((w) => [w.code, w.externalId])).toEqual([['siecle.unknown_teacher', 'sts:99']]);
    expect(file.warnings[0]!.message).toMatch(/^sts\.xml, ligne \d+ : un service de la division 2 GA\/1 désigne l'enseignant ID=99/);
  });

  it('reads legacy NOM, SEXE without CIVILITE, and warns about bad or missing data', () => {
    const file = parseStsEmp(
      sts(
        [
          '<INDIVIDU ID="1"><SEXE>2</SEXE><NOM>ANCIEN</NOM><PRENOM>Eve</PRENOM><DATE_NAISSANCE>1980-02-30</DATE_NAISSANCE><FONCTION>ENS</FONCTION></INDIVIDU>',
          '<INDIVIDU ID="1"><NOM_USAGE>DOUBLON</NOM_USAGE><PRENOM>X</PRENOM></INDIVIDU>',
          '<INDIVIDU><NOM_USAGE>SANSID</NOM_USAGE><PRENOM>X</PRENOM></INDIVIDU>',
          '<INDIVIDU ID="3"><NOM_USAGE>SANSPRENOM</NOM_USAGE><FONCTION>ens</FONCTION></INDIVIDU>',
        ].join('\n'),
      ),
      'sts.xml',
    );
    expect(file.staff.map((p) => [p.stsId, p.lastName, p.birthLastName, p.firstName, p.civility, p.birthDate, p.function])).toEqual([
      ['1', 'ANCIEN', 'ANCIEN', 'Eve', 'Mme', null, 'ENS'],
      ['3', 'SANSPRENOM', null, '', null, null, 'ENS'],
    ]);
    expect(file.warnings.map((w) => [w.code, w.line])).toEqual([
      ['siecle.invalid_date', 6],
      ['siecle.duplicate_id', 7],
      ['siecle.missing_id', 8],
      ['siecle.missing_name', 9],
    ]);
  });

  it('refuses a file made by a timetable editor (APPLICATION_SOURCE)', () => {
    const xml = FORMATS_EXAMPLE.replace('</PARAMETRES>', '  <APPLICATION_SOURCE>EDT</APPLICATION_SOURCE>\n  </PARAMETRES>');
    const error = expectSiecleError(() => parseStsEmp(latin9(xml), 'sts.xml'), 'siecle.wrong_file_type', lineOf(xml, '<APPLICATION_SOURCE>'));
    expect(error.reason).toContain('STSWEB');
  });

  it('refuses the upward EDT_STS file and BEE files', () => {
    const edt = expectSiecleError(() => parseStsEmp(latin9('<?xml version="1.0" encoding="ISO-8859-15"?>\n<EDT_STS><PARAMETRES/></EDT_STS>'), 'emp_sts.xml'), 'siecle.wrong_file_type', 2);
    expect(edt.reason).toContain('sts_emp_<UAI>_<année>.xml');
    const bee = expectSiecleError(() => parseStsEmp(latin9('<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES VERSION="3.0"/>'), 'eleves.xml'), 'siecle.wrong_file_type', 2);
    expect(bee.message).toBe(
      "eleves.xml, ligne 2 : ce fichier est l'export SIECLE des élèves « ElevesSansAdresses.xml » (élément BEE_ELEVES) ; l'export STSWEB « sts_emp_<UAI>_<année>.xml » (élément STS_EDT) est attendu ici.",
    );
  });

  it('warns when UAI and school year are missing', () => {
    const file = parseStsEmp(latin9('<?xml version="1.0" encoding="ISO-8859-15"?><STS_EDT><DONNEES/></STS_EDT>'), 'sts.xml');
    expect(file.warnings.map((w) => w.code)).toEqual(['siecle.missing_uai', 'siecle.missing_school_year']);
    expect(file.staff).toEqual([]);
  });
});
