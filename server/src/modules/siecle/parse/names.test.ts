import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { parseSiecleXml } from './index.ts';
import { cleanName, NAME_MAX_LENGTH } from './names.ts';

const bee = (eleves: string) => `<?xml version="1.0" encoding="UTF-8"?>
<BEE_ELEVES VERSION="3.0"><PARAMETRES><UAJ>0990001X</UAJ><ANNEE_SCOLAIRE>2024</ANNEE_SCOLAIRE></PARAMETRES>
<DONNEES><ELEVES>${eleves}</ELEVES><STRUCTURES></STRUCTURES></DONNEES></BEE_ELEVES>`;

describe('names in an import follow the form’s rules (docs/security.md)', () => {
  it('caps a 100,000-character name, drops U+202E and controls, normalises to NFC, and warns naming the person', () => {
    const huge = 'A'.repeat(100_000);
    const file = parseSiecleXml(
      utf8(
        bee(
          [
            `<ELEVE ELEVE_ID="1"><NOM_DE_FAMILLE>${huge}</NOM_DE_FAMILLE><PRENOM>Jean</PRENOM><DATE_NAISS>01/02/2008</DATE_NAISS></ELEVE>`,
            `<ELEVE ELEVE_ID="2"><NOM_DE_FAMILLE>\u202EEVOL</NOM_DE_FAMILLE><PRENOM>Zoe\u0301&#x85;</PRENOM><DATE_NAISS>01/02/2008</DATE_NAISS></ELEVE>`,
            `<ELEVE ELEVE_ID="3"><NOM_DE_FAMILLE>MARTIN</NOM_DE_FAMILLE><PRENOM>Léa</PRENOM><DATE_NAISS>01/02/2008</DATE_NAISS></ELEVE>`,
          ].join('\n'),
        ),
      ),
      'e.xml',
    );
    if (file.kind !== 'eleves') throw new Error('eleves expected');
    const [long, bidi, plain] = file.learners;
    expect(long!.lastName).toHaveLength(NAME_MAX_LENGTH);
    expect(bidi!.lastName).toBe('EVOL');
    expect(bidi!.firstName).toBe('Zoé');
    expect(plain!.lastName).toBe('MARTIN');
    const warnings = file.warnings.filter((w) => w.code === 'siecle.name_cleaned');
    expect(warnings.map((w) => w.externalId)).toEqual([long!.externalId, bidi!.externalId]);
    expect(warnings[0]!.message).toMatch(/^e\.xml, ligne \d+ : le nom de A{40} Jean a été corrigé .*tronqué à 100 caractères/);
    expect(warnings[1]!.message).toContain('le nom de EVOL Zoé a été corrigé');
    expect(warnings[1]!.message).toContain('inversion du sens d’écriture');
    expect(warnings[1]!.message).toContain('NFC');
  });

  it('leaves a clean name alone', () => {
    expect(cleanName("L'HÔPITAL-Élodie")).toEqual({ value: "L'HÔPITAL-Élodie", fixes: [] });
  });
});
