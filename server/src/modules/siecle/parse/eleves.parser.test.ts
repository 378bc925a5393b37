import { describe, expect, it } from 'vitest';
import { expectSiecleError, lineOf, utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { learnerStatus, parseEleves } from './eleves.parser.ts';

function bee(eleves: string, structures = '', parametres = '<UAJ>0990001X</UAJ><ANNEE_SCOLAIRE>2024</ANNEE_SCOLAIRE>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<BEE_ELEVES VERSION="3.0">
  <PARAMETRES>${parametres}</PARAMETRES>
  <DONNEES>
    <ELEVES>
${eleves}
    </ELEVES>
    <STRUCTURES>
${structures}
    </STRUCTURES>
  </DONNEES>
</BEE_ELEVES>
`;
}

const eleve = (id: string, inner = '') => `      <ELEVE ELEVE_ID="${id}"><NOM_DE_FAMILLE>NOM${id}</NOM_DE_FAMILLE><PRENOM>Prenom${id}</PRENOM><DATE_NAISS>01/02/2008</DATE_NAISS>${inner}</ELEVE>`;
const structures = (id: string, ...list: [string, string][]) =>
  `      <STRUCTURES_ELEVE ELEVE_ID="${id}">${list.map(([code, type]) => `<STRUCTURE><CODE_STRUCTURE>${code}</CODE_STRUCTURE><TYPE_STRUCTURE>${type}</TYPE_STRUCTURE></STRUCTURE>`).join('')}</STRUCTURES_ELEVE>`;

describe('parseEleves', () => {
  it('reads legacy NOM (pre-2016) and prefers NOM_USAGE over NOM_DE_FAMILLE', () => {
    const file = parseEleves(
      utf8(
        bee(
          [
            '<ELEVE ELEVE_ID="1"><NOM>ANCIEN</NOM><PRENOM>Jean</PRENOM></ELEVE>',
            '<ELEVE ELEVE_ID="2"><NOM_DE_FAMILLE>NAISSANCE</NOM_DE_FAMILLE><NOM_USAGE>USAGE</NOM_USAGE><PRENOM> Anne  Marie </PRENOM></ELEVE>',
            '<ELEVE ELEVE_ID="3"><NOM_DE_FAMILLE>NAISSANCE</NOM_DE_FAMILLE><NOM_USAGE/><PRENOM>Léo</PRENOM></ELEVE>',
          ].join('\n'),
        ),
      ),
      'e.xml',
    );
    expect(file.learners.map((l) => [l.lastName, l.birthLastName, l.usageLastName, l.firstName])).toEqual([
      ['ANCIEN', 'ANCIEN', null, 'Jean'],
      ['USAGE', 'NAISSANCE', 'USAGE', 'Anne Marie'],
      ['NAISSANCE', 'NAISSANCE', null, 'Léo'],
    ]);
  });

  it('joins STRUCTURES whatever the block order, and warns about anomalies', () => {
    const xml = `<?xml version="1.0"?>
<BEE_ELEVES VERSION="3.0">
  <PARAMETRES><UAJ>0990001X</UAJ><ANNEE_SCOLAIRE>2024-2025</ANNEE_SCOLAIRE></PARAMETRES>
  <DONNEES>
    <STRUCTURES>
${structures('1', ['2GA1', 'D'], ['G1', 'G'], ['G1', 'G'])}
${structures('2', ['2GA1', 'D'], ['2GA2', 'D'])}
${structures('3', ['Inactifs', 'D'], ['2GA2', 'D'])}
${structures('4', ['X', 'Z'])}
${structures('9', ['2GA1', 'D'])}
${structures('1', ['G2', 'G'])}
    </STRUCTURES>
    <ELEVES>
${eleve('1')}
${eleve('2')}
${eleve('3')}
${eleve('4')}
    </ELEVES>
  </DONNEES>
</BEE_ELEVES>`;
    const file = parseEleves(utf8(xml), 'e.xml');
    expect(file.schoolYear).toBe(2024);
    expect(file.learners.map((l) => [l.eleveId, l.division, l.groups, l.inInactiveDivision])).toEqual([
      ['1', '2GA1', ['G1', 'G2'], false],
      ['2', '2GA1', [], false],
      ['3', '2GA2', [], true],
      ['4', null, [], false],
    ]);
    expect(learnerStatus(file.learners[2]!, '2030-01-01')).toBe('active');
    expect(file.warnings.map((w) => [w.code, w.line, w.externalId])).toEqual([
      ['siecle.several_divisions', lineOf(xml, '<STRUCTURES_ELEVE ELEVE_ID="2">'), 'eleve:2'],
      ['siecle.unknown_structure_type', lineOf(xml, '<STRUCTURES_ELEVE ELEVE_ID="4">'), 'eleve:4'],
      ['siecle.unknown_learner', lineOf(xml, '<STRUCTURES_ELEVE ELEVE_ID="9">'), 'eleve:9'],
      ['siecle.duplicate_structures', lineOf(xml, '<STRUCTURES_ELEVE ELEVE_ID="1">', xml.indexOf('G2') - 80), 'eleve:1'],
    ]);
    expect(file.warnings.find((w) => w.code === 'siecle.several_divisions')!.message).toBe(
      `e.xml, ligne ${lineOf(xml, '<STRUCTURES_ELEVE ELEVE_ID="2">')} : Prenom2 NOM2 est dans plusieurs divisions (2GA1, 2GA2) ; seule 2GA1 est retenue.`,
    );
    expect(file.divisionCodes).toEqual(['2GA1', '2GA2']);
    expect(file.groupCodes).toEqual(['G1', 'G2']);
  });

  it('skips learners without ELEVE_ID and duplicates, warns about missing names and bad dates', () => {
    const xml = bee(
      [
        eleve('1', '<DATE_SORTIE>31/02/2025</DATE_SORTIE>'),
        '<ELEVE><NOM_DE_FAMILLE>X</NOM_DE_FAMILLE><PRENOM>Y</PRENOM></ELEVE>',
        eleve('1'),
        '<ELEVE ELEVE_ID="2"><NOM_DE_FAMILLE>SANSPRENOM</NOM_DE_FAMILLE><DATE_NAISS>2008</DATE_NAISS></ELEVE>',
        '<ELEVE ELEVE_ID="3"><PRENOM>Solo</PRENOM><DATE_NAISS>2008-07-07</DATE_NAISS></ELEVE>',
      ].join('\n'),
    );
    const file = parseEleves(utf8(xml), 'e.xml');
    expect(file.learners.map((l) => [l.eleveId, l.lastName, l.firstName, l.birthDate, l.exitDate])).toEqual([
      ['1', 'NOM1', 'Prenom1', '2008-02-01', null],
      ['2', 'SANSPRENOM', '', null, null],
      // A birth date must be jj/mm/aaaa (it becomes the initial password): an ISO one is not taken.
      ['3', '', 'Solo', null, null],
    ]);
    expect(file.warnings.map((w) => w.code)).toEqual([
      'siecle.invalid_date',
      'siecle.missing_id',
      'siecle.duplicate_id',
      'siecle.missing_name',
      'siecle.invalid_birth_date',
      'siecle.missing_name',
      'siecle.invalid_birth_date',
    ]);
    expect(file.warnings[0]!.message).toBe(`e.xml, ligne ${lineOf(xml, 'ELEVE_ID="1"')} : date invalide dans DATE_SORTIE : « 31/02/2025 » (format attendu jj/mm/aaaa).`);
    expect(file.warnings[3]!.message).toContain("cette personne n'a pas de prénom (PRENOM)");
  });

  it('takes only existing jj/mm/aaaa birth dates, and names each learner who gets a random password instead', () => {
    const xml = bee(
      [
        '<ELEVE ELEVE_ID="1"><NOM_DE_FAMILLE>DURAND</NOM_DE_FAMILLE><PRENOM>Léa</PRENOM><DATE_NAISS>01/07/2009</DATE_NAISS></ELEVE>',
        '<ELEVE ELEVE_ID="2"><NOM_DE_FAMILLE>PETIT</NOM_DE_FAMILLE><PRENOM>Noé</PRENOM><DATE_NAISS>1/7/2009</DATE_NAISS></ELEVE>',
        '<ELEVE ELEVE_ID="3"><NOM_DE_FAMILLE>ROUX</NOM_DE_FAMILLE><PRENOM>Inès</PRENOM><DATE_NAISS>31/02/2009</DATE_NAISS></ELEVE>',
        '<ELEVE ELEVE_ID="4"><NOM_DE_FAMILLE>BLANC</NOM_DE_FAMILLE><PRENOM>Tom</PRENOM></ELEVE>',
      ].join('\n'),
    );
    const file = parseEleves(utf8(xml), 'e.xml');
    expect(file.learners.map((l) => l.birthDate)).toEqual(['2009-07-01', null, null, null]);
    expect(file.warnings.map((w) => [w.code, w.externalId])).toEqual([
      ['siecle.invalid_birth_date', 'eleve:2'],
      ['siecle.invalid_birth_date', 'eleve:3'],
      ['siecle.missing_birth_date', 'eleve:4'],
    ]);
    expect(file.warnings[0]!.message).toContain('Noé PETIT');
    expect(file.warnings[0]!.message).toContain('« 1/7/2009 »');
    expect(file.warnings[1]!.message).toContain('Inès ROUX');
    expect(file.warnings[2]!.message).toContain("Tom BLANC n'a pas de date de naissance");
    for (const w of file.warnings) expect(w.message).toContain('mot de passe provisoire aléatoire');
  });

  it('reads identifiers, e-mail, MEF and status; ELENOET child wins over the attribute', () => {
    const file = parseEleves(
      utf8(
        bee(
          `<ELEVE ELEVE_ID="1559191" ELENOET="8194"><ID_NATIONAL/><INE_RNIE>060375611AC</INE_RNIE><ELENOET>8193</ELENOET><NOM_DE_FAMILLE>A</NOM_DE_FAMILLE><PRENOM>B</PRENOM>
           <CODE_SEXE>2</CODE_SEXE><DATE_ENTREE>04/09/2017</DATE_ENTREE><DATE_SORTIE>30/06/2025</DATE_SORTIE><CODE_MOTIF_SORTIE>7</CODE_MOTIF_SORTIE>
           <MEL> b@example.org </MEL><CODE_MEF>24723401210</CODE_MEF><CODE_STATUT>AP</CODE_STATUT></ELEVE>`,
        ),
      ),
      'e.xml',
    );
    expect(file.learners[0]).toMatchObject({
      elenoet: '8193',
      nationalId: '060375611AC',
      civility: 'Mme',
      sex: 'F',
      entryDate: '2017-09-04',
      exitDate: '2025-06-30',
      exitReasonCode: '7',
      email: 'b@example.org',
      mef: '24723401210',
      status: 'AP',
    });
    expect(learnerStatus(file.learners[0]!, '2025-06-30')).toBe('active');
    expect(learnerStatus(file.learners[0]!, '2025-07-01')).toBe('left');
  });

  it('refuses a file whose PARAMETRES lack UAJ (every genuine export has it), naming the line', () => {
    const error = expectSiecleError(() => parseEleves(utf8(bee(eleve('1'), '', '<ANNEE_SCOLAIRE>2024</ANNEE_SCOLAIRE>')), 'e.xml'), 'siecle.missing_uai', 3);
    expect(error.message).toContain('UAJ');
  });

  it('warns when PARAMETRES lack ANNEE_SCOLAIRE', () => {
    const file = parseEleves(utf8(bee(eleve('1'), '', '<UAJ>0990001X</UAJ>')), 'e.xml');
    expect(file.warnings.map((w) => [w.code, w.line])).toEqual([['siecle.missing_school_year', 3]]);
  });

  it('refuses a Responsables file given as Élèves, saying which is which', () => {
    const error = expectSiecleError(() => parseEleves(utf8('<?xml version="1.0"?>\n<BEE_RESPONSABLES VERSION="2.1"/>'), 'ElevesSansAdresses.xml'), 'siecle.wrong_file_type', 2);
    expect(error.message).toBe(
      "ElevesSansAdresses.xml, ligne 2 : ce fichier est l'export SIECLE des responsables « ResponsablesAvecAdresses.xml » (élément BEE_RESPONSABLES) ; l'export SIECLE des élèves « ElevesSansAdresses.xml » (élément BEE_ELEVES) est attendu ici.",
    );
  });

  it('refuses another BEE export (Nomenclature)', () => {
    const error = expectSiecleError(() => parseEleves(utf8('<BEE_NOMENCLATURES VERSION="3.1"/>'), 'Nomenclature.xml'), 'siecle.wrong_file_type', 1);
    expect(error.reason).toContain('BEE_NOMENCLATURES');
  });
});
