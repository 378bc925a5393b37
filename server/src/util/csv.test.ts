import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, textCell, toFrenchCsv } from './csv.ts';

describe('toFrenchCsv', () => {
  it('writes CSV that any parser reads back, whatever the cells hold', () => {
    const tricky = ['a;b', 'dit "bonjour"', 'deux\nlignes', '+33 5 49', '-1', '@cmd', 'Œillet', '', null];
    const csv = toFrenchCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9'], [tricky]);
    const rows: string[][] = parse(csv, { delimiter: ';', bom: true });
    expect(rows[1]).toEqual(['a;b', 'dit "bonjour"', 'deux\nlignes', "'+33 5 49", "'-1", "'@cmd", 'Œillet', '', '']);
    expect(neutralizeFormula('=1+1')).toBe("'=1+1");
    expect(neutralizeFormula('Dupont')).toBe('Dupont');
  });

  it('writes identifiers and passwords as text formulas, byte for byte: BOM, ; and CRLF', () => {
    const csv = toFrenchCsv(['Identifiant', 'Mot de passe'], [
      [textCell('adam.thomas'), textCell('02092007')],
      [textCell('hugo.martin'), textCell('1960-06-24')],
      [textCell('a"b;c'), textCell(null)],
    ]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toBe(
      '\uFEFFIdentifiant;Mot de passe\r\n"=""adam.thomas""";"=""02092007"""\r\n"=""hugo.martin""";"=""1960-06-24"""\r\n"=""a""""b;c""";\r\n',
    );
    const rows: string[][] = parse(csv, { delimiter: ';', bom: true });
    expect(rows[3]).toEqual(['="a""b;c"', '']);
  });
});
