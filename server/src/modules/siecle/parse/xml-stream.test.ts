import { describe, expect, it } from 'vitest';
import { expectSiecleError, utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { MAX_RECORD_ELEMENTS, MAX_XML_BYTES, MAX_XML_DEPTH } from './limits.ts';
import { attr, childText, descendants, detached, streamXml, type XmlElement } from './xml-stream.ts';

function collect(xml: string | Uint8Array, path: string): XmlElement[] {
  const out: XmlElement[] = [];
  streamXml(typeof xml === 'string' ? utf8(xml) : xml, { fileName: 'test.xml', records: { [path]: (e) => out.push(e) } });
  return out;
}

describe('streamXml records', () => {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>', // 1
    '<ROOT V="1">', // 2
    '  <LIST>', // 3
    '    <ITEM ID="a">', // 4
    '      <NAME>  A &amp; B &#233;&#x153; </NAME>', // 5
    '      <EMPTY/><BLANK>   </BLANK>', // 6
    '      <DATA><![CDATA[<not a tag>]]></DATA>', // 7
    '    </ITEM>', // 8
    '    <!-- a comment -->', // 9
    '    <ITEM', // 10
    '      ID="b"><SUB><X>1</X><X>2</X></SUB></ITEM>', // 11
    '    <OTHER/>', // 12
    '  </LIST>', // 13
    '</ROOT>', // 14
  ].join('\n');

  it('hands over each record with its subtree, in order, with the line of its opening tag', () => {
    const items = collect(xml, 'LIST/ITEM');
    expect(items.map((i) => [attr(i, 'ID'), i.line])).toEqual([
      ['a', 4],
      ['b', 10],
    ]);
    const [a, b] = items as [XmlElement, XmlElement];
    expect(childText(a, 'NAME')).toBe('A & B éœ');
    expect(childText(a, 'EMPTY')).toBeNull();
    expect(childText(a, 'BLANK')).toBeNull();
    expect(childText(a, 'DATA')).toBe('<not a tag>');
    expect(a.children.find((c) => c.name === 'NAME')!.line).toBe(5);
    expect(descendants(b, 'SUB', 'X').map((x) => x.text)).toEqual(['1', '2']);
  });

  it('counts lines the same with CRLF or CR line ends', () => {
    for (const eol of ['\r\n', '\r']) {
      const items = collect(xml.replace(/\n/g, eol), 'LIST/ITEM');
      expect(items.map((i) => i.line)).toEqual([4, 10]);
      expect(childText(items[0]!, 'NAME')).toBe('A & B éœ');
    }
  });

  it('reports the root', () => {
    const result = streamXml(utf8(xml), { fileName: 'test.xml' });
    expect(result.root).toEqual({ name: 'ROOT', attrs: { V: '1' }, line: 2 });
  });

  it('can stop at the root', () => {
    let seen = 0;
    const result = streamXml(utf8('<ROOT><A/><unclosed>'), { fileName: 'test.xml', onRoot: () => false, records: { A: () => seen++ } });
    expect(result.root?.name).toBe('ROOT');
    expect(seen).toBe(0);
  });

  it('childText takes the first non-blank of several names, in the order given', () => {
    const [e] = collect('<R><P><NOM_USAGE> </NOM_USAGE><NOM>OLD</NOM><NOM_DE_FAMILLE>NEW</NOM_DE_FAMILLE></P></R>', 'P');
    expect(childText(e!, 'NOM_USAGE', 'NOM_DE_FAMILLE', 'NOM')).toBe('NEW');
    expect(childText(e!, 'NOM_USAGE', 'NOM', 'NOM_DE_FAMILLE')).toBe('OLD');
  });
});

describe('streamXml refusals', () => {
  it('refuses a DOCTYPE, even a harmless one', () => {
    expectSiecleError(() => streamXml(utf8('<?xml version="1.0"?>\n<!DOCTYPE BEE_ELEVES>\n<BEE_ELEVES/>'), { fileName: 'e.xml' }), 'siecle.doctype_forbidden', 2);
  });

  it('refuses a billion-laughs DOCTYPE before expanding anything', () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<lolz>&lol9;</lolz>',
    ].join('\n');
    const started = performance.now();
    const error = expectSiecleError(() => streamXml(utf8(laughs), { fileName: 'e.xml' }), 'siecle.doctype_forbidden', 2);
    expect(performance.now() - started).toBeLessThan(2_000); // no expansion (speed: bench/)
    expect(error.message).toBe("e.xml, ligne 2 : le fichier contient une déclaration DOCTYPE, refusée par sécurité (les exports SIECLE et STSWEB n'en ont pas).");
  });

  it('refuses an external entity (XXE)', () => {
    const xxe = '<?xml version="1.0" encoding="ISO-8859-15"?>\n<!DOCTYPE STS_EDT [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<STS_EDT>&xxe;</STS_EDT>';
    expectSiecleError(() => streamXml(utf8(xxe), { fileName: 'sts.xml' }), 'siecle.doctype_forbidden', 2);
  });

  it('refuses a DOCTYPE straddling two decoded chunks, with its line', () => {
    const padding = `<!--${'x'.repeat(65536 - 34)}-->`;
    const xml = `<?xml version="1.0"?>\n${padding}\n<!DOCTYPE A SYSTEM "http://example.org/a.dtd">\n<A/>`;
    expect(xml.indexOf('<!DOCTYPE')).toBeLessThan(65536);
    expect(xml.indexOf('<!DOCTYPE') + 9).toBeGreaterThan(65536 - 8);
    expectSiecleError(() => streamXml(utf8(xml), { fileName: 'a.xml' }), 'siecle.doctype_forbidden', 3);
  });

  it('refuses undefined entities', () => {
    const error = expectSiecleError(() => streamXml(utf8('<A>\n&nbsp;</A>'), { fileName: 'a.xml' }), 'siecle.malformed_xml', 2);
    expect(error.reason).toContain('entité inconnue');
  });

  it('refuses a mismatched tag, naming the tag left open', () => {
    const error = expectSiecleError(() => streamXml(utf8('<A>\n  <B>\n  </C>\n</A>'), { fileName: 'a.xml' }), 'siecle.malformed_xml', 3);
    expect(error.reason).toBe("balise fermante inattendue : la balise <B> ouverte ligne 2 n'est pas refermée par la bonne balise.");
  });

  it('says what is wrong with a stray character inside a closing tag, at its line', () => {
    const error = expectSiecleError(() => streamXml(utf8('<A>\n  <ELEVES>\n  </ELEVES d>\n</A>'), { fileName: 'a.xml' }), 'siecle.malformed_xml', 3);
    expect(error.reason).toContain('balise fermante </ELEVES> mal écrite');
    expect(error.reason).not.toContain('binaire');
  });

  it('refuses a closing tag with nothing open', () => {
    expectSiecleError(() => streamXml(utf8('<A></A>\n</B>'), { fileName: 'a.xml' }), 'siecle.malformed_xml', 2);
  });

  it('refuses a truncated file, naming the innermost open tag', () => {
    const error = expectSiecleError(() => streamXml(utf8('<A>\n  <B>\n    <C>text'), { fileName: 'a.xml' }), 'siecle.malformed_xml');
    expect(error.reason).toBe("fin de fichier inattendue : la balise <C> ouverte ligne 3 n'est pas refermée (fichier tronqué ?).");
  });

  it('refuses a file cut inside a tag', () => {
    expectSiecleError(() => streamXml(utf8('<A>\n  <B ATT="x'), { fileName: 'a.xml' }), 'siecle.malformed_xml');
  });

  it('refuses an empty file, and says a text file is not XML', () => {
    expectSiecleError(() => streamXml(new Uint8Array(0), { fileName: 'a.xml' }), 'siecle.empty_file', null);
    expectSiecleError(() => streamXml(utf8('   \n  '), { fileName: 'a.xml' }), 'siecle.wrong_file_type');
    const csv = expectSiecleError(() => streamXml(utf8('NOM;PRENOM\nDUPONT;Marie\n'), { fileName: 'a.xml' }), 'siecle.wrong_file_type', null);
    expect(csv.reason).toContain("n'est pas un fichier XML");
  });

  it('refuses two roots and control characters', () => {
    expectSiecleError(() => streamXml(utf8('<A/>\n<B/>'), { fileName: 'a.xml' }), 'siecle.malformed_xml', 2);
    expectSiecleError(() => streamXml(utf8('<A>\u0001</A>'), { fileName: 'a.xml' }), 'siecle.malformed_xml', 1);
  });

  it('refuses a file over the size limit without reading it', () => {
    expectSiecleError(() => streamXml(utf8('<A>0123456789</A>'), { fileName: 'a.xml', maxBytes: 10 }), 'siecle.too_large', null);
    const huge = new Uint8Array(MAX_XML_BYTES + 1);
    const started = performance.now();
    const error = expectSiecleError(() => streamXml(huge, { fileName: 'a.xml' }), 'siecle.too_large', null);
    expect(performance.now() - started).toBeLessThan(2_000); // size checked before reading
    expect(error.reason).toContain('100 Mo');
  });

  it('refuses absurd nesting', () => {
    const depth = MAX_XML_DEPTH + 1;
    const xml = '<A>'.repeat(depth) + '</A>'.repeat(depth);
    expectSiecleError(() => streamXml(utf8(xml), { fileName: 'a.xml' }), 'siecle.malformed_xml', 1);
  });

  it('refuses a monstrous record', () => {
    const xml = `<R><ELEVE>${'<X/>'.repeat(MAX_RECORD_ELEMENTS + 1)}</ELEVE></R>`;
    const error = expectSiecleError(() => collect(xml, 'ELEVE'), 'siecle.too_large', 1);
    expect(error.reason).toContain('<ELEVE>');
  });
});

describe('detached', () => {
  it('gives the same text, short or long, accents and all', () => {
    const chunk = `  parent200001@example.org ; L’ŒUVRE Marie-Hélène ${'x'.repeat(70_000)}`;
    for (const text of ['', 'a', 'douze.chiffr', 'treize.chiffr', chunk.slice(2, 26), chunk.slice(29, 51), chunk]) expect(detached(text)).toBe(text);
  });
});
