import { describe, expect, it } from 'vitest';
import { expectSiecleError, lineOf, utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { parseResponsables } from './responsables.parser.ts';

function bee(personnes: string, responsables: string, adresses = '', parametres = '<UAJ>0990001X</UAJ><ANNEE_SCOLAIRE>2024</ANNEE_SCOLAIRE><DATE_EXPORT>05/09/2024</DATE_EXPORT>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<BEE_RESPONSABLES VERSION="2.1">
  <PARAMETRES>${parametres}</PARAMETRES>
  <DONNEES>
    <PERSONNES>
${personnes}
    </PERSONNES>
    <RESPONSABLES>
${responsables}
    </RESPONSABLES>
    <ADRESSES>
${adresses}
    </ADRESSES>
  </DONNEES>
</BEE_RESPONSABLES>
`;
}

const personne = (id: string, inner = '<LC_CIVILITE>MME</LC_CIVILITE><NOM_DE_FAMILLE>NOM</NOM_DE_FAMILLE><PRENOM>Anne</PRENOM>') =>
  `      <PERSONNE PERSONNE_ID="${id}">${inner}</PERSONNE>`;
const lien = (eleve: string, personne: string, inner: string) =>
  `      <RESPONSABLE_ELEVE><ELEVE_ID>${eleve}</ELEVE_ID><PERSONNE_ID>${personne}</PERSONNE_ID>${inner}</RESPONSABLE_ELEVE>`;

describe('parseResponsables', () => {
  it('refuses a file whose PARAMETRES lack UAJ', () => {
    const error = expectSiecleError(() => parseResponsables(utf8(bee('', '', '', '<ANNEE_SCOLAIRE>2024</ANNEE_SCOLAIRE>')), 'r.xml'), 'siecle.missing_uai', 3);
    expect(error.message).toContain('UAJ');
  });

  it('understands RESP_LEGAL (pre-2018) and NIVEAU_RESPONSABILITE, the latter winning', () => {
    const file = parseResponsables(
      utf8(
        bee(
          ['1', '2', '3', '4', '5', '6'].map((id) => personne(id)).join('\n'),
          [
            lien('10', '1', '<RESP_LEGAL>1</RESP_LEGAL><CODE_PARENTE>20</CODE_PARENTE>'),
            lien('10', '2', '<RESP_LEGAL>2</RESP_LEGAL>'),
            lien('10', '3', '<RESP_LEGAL>0</RESP_LEGAL>'),
            lien('11', '4', '<NIVEAU_RESPONSABILITE>3</NIVEAU_RESPONSABILITE>'),
            lien('11', '5', '<NIVEAU_RESPONSABILITE>2</NIVEAU_RESPONSABILITE><RESP_LEGAL>0</RESP_LEGAL>'),
            lien('11', '6', '<NIVEAU_RESPONSABILITE>9</NIVEAU_RESPONSABILITE>'),
          ].join('\n'),
        ),
      ),
      'r.xml',
    );
    expect(file.links.map((l) => [l.personId, l.level, l.levelSource, l.rawLevel, l.isLegalGuardian])).toEqual([
      ['1', 1, 'RESP_LEGAL', '1', true],
      ['2', 2, 'RESP_LEGAL', '2', true],
      ['3', 3, 'RESP_LEGAL', '0', false],
      ['4', 3, 'NIVEAU_RESPONSABILITE', '3', false],
      ['5', 2, 'NIVEAU_RESPONSABILITE', '2', true],
      ['6', 3, 'NIVEAU_RESPONSABILITE', '9', false],
    ]);
    expect(file.links[0]).toMatchObject({ learnerExternalId: 'eleve:10', personExternalId: 'resp:1', relationshipCode: '20', paysFees: null, priorityContact: null });
    expect(file.warnings).toEqual([]);
  });

  it('drops links to unknown persons and duplicates; keeps links without level, not as guardian', () => {
    const xml = bee(
      personne('1'),
      [
        lien('10', '1', '<NIVEAU_RESPONSABILITE>1</NIVEAU_RESPONSABILITE>'),
        lien('10', '99', '<NIVEAU_RESPONSABILITE>1</NIVEAU_RESPONSABILITE>'),
        lien('10', '1', '<NIVEAU_RESPONSABILITE>2</NIVEAU_RESPONSABILITE>'),
        lien('11', '1', '<CODE_PARENTE>10</CODE_PARENTE>'),
        '      <RESPONSABLE_ELEVE><PERSONNE_ID>1</PERSONNE_ID></RESPONSABLE_ELEVE>',
      ].join('\n'),
    );
    const file = parseResponsables(utf8(xml), 'r.xml');
    expect(file.links.map((l) => [l.eleveId, l.personId, l.level, l.isLegalGuardian])).toEqual([
      ['10', '1', 1, true],
      ['11', '1', null, false],
    ]);
    const firstLink = lineOf(xml, '<RESPONSABLE_ELEVE>');
    expect(file.warnings.map((w) => [w.code, w.line])).toEqual([
      ['siecle.unknown_person', firstLink + 1],
      ['siecle.duplicate_link', firstLink + 2],
      ['siecle.missing_responsibility', firstLink + 3],
      ['siecle.missing_id', firstLink + 4],
    ]);
  });

  it('reads persons: names (legacy NOM too), civility, e-mail, phones and shared addresses', () => {
    const file = parseResponsables(
      utf8(
        bee(
          [
            personne('1', '<LC_CIVILITE>M.</LC_CIVILITE><NOM>ANCIEN</NOM><PRENOM>Paul</PRENOM><MEL></MEL><ADRESSE_ID>7</ADRESSE_ID>'),
            personne('2', '<LL_CIVILITE>MADAME</LL_CIVILITE><NOM_DE_FAMILLE>NEE</NOM_DE_FAMILLE><NOM_USAGE>EPOUSE</NOM_USAGE><PRENOM>Léa</PRENOM><MEL>lea@example.org</MEL><TEL_PROFESSIONNEL>0500000000</TEL_PROFESSIONNEL><ADRESSE_ID>7</ADRESSE_ID>'),
            personne('3', '<LC_CIVILITE>?</LC_CIVILITE><NOM_DE_FAMILLE>X</NOM_DE_FAMILLE><PRENOM>Y</PRENOM><ADRESSE_ID>404</ADRESSE_ID>'),
            personne('1', '<NOM_DE_FAMILLE>DOUBLON</NOM_DE_FAMILLE><PRENOM>Z</PRENOM>'),
            '      <PERSONNE><NOM_DE_FAMILLE>SANSID</NOM_DE_FAMILLE></PERSONNE>',
          ].join('\n'),
          '',
          '<ADRESSE ADRESSE_ID="7"><LIGNE1_ADRESSE>1 RUE A</LIGNE1_ADRESSE><LIGNE2_ADRESSE/><CODE_POSTAL>99000</CODE_POSTAL><COMMUNE_ETRANGERE>1000 BRUXELLES</COMMUNE_ETRANGERE><LL_PAYS>BELGIQUE</LL_PAYS></ADRESSE>',
        ),
      ),
      'r.xml',
    );
    expect(file.persons.map((p) => [p.externalId, p.civility, p.lastName, p.birthLastName, p.usageLastName, p.firstName, p.email])).toEqual([
      ['resp:1', 'M.', 'ANCIEN', 'ANCIEN', null, 'Paul', null],
      ['resp:2', 'Mme', 'EPOUSE', 'NEE', 'EPOUSE', 'Léa', 'lea@example.org'],
      ['resp:3', null, 'X', 'X', null, 'Y', null],
    ]);
    expect(file.persons[1]!.phones).toEqual({ home: null, mobile: null, work: '0500000000' });
    expect(file.persons[0]!.address).toEqual({ lines: ['1 RUE A'], postalCode: '99000', town: '1000 BRUXELLES', country: 'BELGIQUE' });
    expect(file.persons[1]!.address).toEqual(file.persons[0]!.address);
    expect(file.persons[2]).toMatchObject({ addressId: '404', address: null });
    expect(file.warnings.map((w) => w.code)).toEqual(['siecle.duplicate_id', 'siecle.missing_id']);
    expect(file).toMatchObject({ uai: '0990001X', schoolYear: 2024, exportDate: '2024-09-05', version: '2.1' });
  });

  it('refuses an Élèves file given as Responsables', () => {
    expectSiecleError(() => parseResponsables(utf8('<BEE_ELEVES VERSION="3.0"><PARAMETRES/></BEE_ELEVES>'), 'r.xml'), 'siecle.wrong_file_type', 1);
  });
});
