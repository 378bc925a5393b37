import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { expectSiecleError, utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { decodeInChunks, decodeXml, sniffEncoding } from './decode.ts';

const BODY = '<BEE_ELEVES><PRENOM>Zoé Cœur ’</PRENOM></BEE_ELEVES>';

function latin9(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'iso885915'));
}

describe('sniffEncoding / decodeXml', () => {
  it('follows the declared ISO-8859-15 (œ is 0xBD there, ½ in ISO-8859-1)', () => {
    const bytes = latin9(`<?xml version="1.0" encoding="ISO-8859-15"?>\n<A>Cœur €</A>`);
    expect(bytes).toContain(0xbd);
    const { text, info } = decodeXml(bytes, 'a.xml');
    expect(info).toEqual({ encoding: 'iso-8859-15', declaredEncoding: 'ISO-8859-15', bom: null, repair: null, start: 0 });
    expect(text).toContain('Cœur €');
  });

  it('accepts single quotes and aliases in the declaration', () => {
    expect(sniffEncoding(latin9(`<?xml version='1.0' encoding='latin9'?><A/>`), 'a.xml').encoding).toBe('iso-8859-15');
    expect(sniffEncoding(latin9(`<?xml version="1.0" encoding="iso-8859-1" standalone="yes"?><A/>`), 'a.xml').encoding).toBe('windows-1252');
    expect(sniffEncoding(utf8(`<?xml version="1.0" encoding="us-ascii"?><A/>`), 'a.xml').encoding).toBe('windows-1252');
  });

  it('reads ISO-8859-1 as windows-1252 (œ at 0x9C, ’ at 0x92)', () => {
    const bytes = new Uint8Array([...utf8('<?xml version="1.0" encoding="ISO-8859-1"?><A>C'), 0x9c, 0x75, 0x72, 0x92, 0xe9, ...utf8('</A>')]);
    expect(decodeXml(bytes, 'a.xml').text).toContain('Cœur’é');
  });

  it('defaults to UTF-8 without declaration', () => {
    const { text, info } = decodeXml(utf8(BODY), 'a.xml');
    expect(info).toMatchObject({ encoding: 'utf-8', declaredEncoding: null, repair: null });
    expect(text).toBe(BODY);
  });

  it('skips a UTF-8 BOM, which wins over the declaration', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`<?xml version="1.0" encoding="ISO-8859-15"?>${BODY}`)]);
    const { text, info } = decodeXml(bytes, 'a.xml');
    expect(info).toMatchObject({ encoding: 'utf-8', bom: 'utf-8', declaredEncoding: 'ISO-8859-15', start: 3, repair: null });
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('Zoé Cœur ’');
  });

  it('reads UTF-16 with or without BOM', () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?>${BODY}`;
    const le = new Uint8Array(iconv.encode(xml, 'utf16le'));
    const be = new Uint8Array(iconv.encode(xml, 'utf16be'));
    expect(decodeXml(new Uint8Array([0xff, 0xfe, ...le]), 'a.xml')).toMatchObject({ text: xml, info: { encoding: 'utf-16le', bom: 'utf-16le', declaredEncoding: 'UTF-16' } });
    expect(decodeXml(new Uint8Array([0xfe, 0xff, ...be]), 'a.xml')).toMatchObject({ text: xml, info: { encoding: 'utf-16be', bom: 'utf-16be' } });
    expect(decodeXml(le, 'a.xml')).toMatchObject({ text: xml, info: { encoding: 'utf-16le', bom: null } });
    expect(decodeXml(be, 'a.xml')).toMatchObject({ text: xml, info: { encoding: 'utf-16be', bom: null } });
  });

  it('repairs a Latin-9 file re-saved as UTF-8 with its old declaration', () => {
    const bytes = utf8(`<?xml version="1.0" encoding="ISO-8859-15"?>${BODY}`);
    const { text, info } = decodeXml(bytes, 'a.xml');
    expect(info).toMatchObject({ encoding: 'utf-8', repair: 'declared_single_byte_but_utf8' });
    expect(text).toContain('Zoé Cœur ’');
  });

  it('keeps the declared single-byte encoding for pure ASCII', () => {
    expect(sniffEncoding(utf8(`<?xml version="1.0" encoding="ISO-8859-15"?><A>abc</A>`), 'a.xml')).toMatchObject({ encoding: 'iso-8859-15', repair: null });
  });

  it('repairs a file declared UTF-8 that is not', () => {
    const bytes = latin9(`<?xml version="1.0" encoding="UTF-8"?><A>Cœur</A>`);
    const { text, info } = decodeXml(bytes, 'a.xml');
    expect(info).toMatchObject({ encoding: 'iso-8859-15', repair: 'declared_utf8_but_invalid' });
    expect(text).toContain('Cœur');
  });

  it('refuses an unknown encoding (Pix fixture: x-macthai)', () => {
    const error = expectSiecleError(() => sniffEncoding(utf8(`<?xml version="1.0" encoding="x-macthai"?><A/>`), 'eleves.xml'), 'siecle.encoding_unsupported', 1);
    expect(error.message).toContain('« x-macthai »');
  });

  it('accepts any other encoding label iconv-lite decodes, as declared', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1250"?><A>'), Buffer.from([0x8a, 0x9a, 0xe8]), Buffer.from('</A>')]);
    const { text, info } = decodeXml(new Uint8Array(bytes), 'a.xml');
    expect(info.encoding).toBe('windows-1250');
    expect(text).toContain('Ššč');
    expect(decodeXml(new Uint8Array(Buffer.from('<?xml version="1.0" encoding="macintosh"?><A>\x8e</A>', 'latin1')), 'a.xml').text).toContain('é');
  });

  it('refuses a label whose declaration could not have been written in ASCII (UTF-32 without BOM)', () => {
    const error = expectSiecleError(() => sniffEncoding(utf8(`<?xml version="1.0" encoding="UTF-32LE"?><A/>`), 'eleves.xml'), 'siecle.encoding_unsupported', 1);
    expect(error.message).toContain('ligne 1');
  });

  it('decodes identically whatever the chunk size (multi-byte characters across chunks)', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?><A>${'é€𝄞œ'.repeat(50)}</A>`;
    const bytes = utf8(text);
    for (const size of [1, 2, 3, 7, 64]) {
      const parts: string[] = [];
      decodeInChunks(bytes, sniffEncoding(bytes, 'a.xml'), (t) => parts.push(t), size);
      expect(parts.join('')).toBe(text);
    }
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf16le')]);
    const parts: string[] = [];
    decodeInChunks(le, sniffEncoding(le, 'a.xml'), (t) => parts.push(t), 3);
    expect(parts.join('')).toBe(text);
  });

  it('decodes every byte of ISO-8859-15 and of invalid UTF-8 as iconv-lite does, whatever the chunk size (Node’s decoder is used for speed)', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const latin = new Uint8Array([...latin9('<?xml version="1.0" encoding="ISO-8859-15"?><A>'), ...all.slice(0x20)]);
    expect(decodeXml(latin, 'a.xml').text).toBe(iconv.decode(Buffer.from(latin), 'iso885915'));
    expect(decodeXml(latin, 'a.xml').text).toContain('¢£€¥Š§š');
    const every = new Uint8Array([...all, ...all.reverse()]);
    for (const size of [1, 3, 64, 65536]) {
      const parts: string[] = [];
      decodeInChunks(every, { encoding: 'iso-8859-15', declaredEncoding: 'ISO-8859-15', bom: null, repair: null, start: 0 }, (t) => parts.push(t), size);
      expect(parts.join('')).toBe(iconv.decode(Buffer.from(every), 'iso885915'));
    }
    const broken = new Uint8Array([...utf8('<?xml version="1.0" encoding="UTF-8"?><A>'), 0x41, 0xc3, 0x28, 0xe9, 0x80, 0xf0, 0x9f, 0x98, 0x42]);
    const info = { ...sniffEncoding(broken, 'a.xml'), encoding: 'utf-8', repair: null };
    for (const size of [1, 3, 64]) {
      const parts: string[] = [];
      decodeInChunks(broken, info, (t) => parts.push(t), size);
      expect(parts.join('')).toBe(iconv.decode(Buffer.from(broken), 'utf8'));
    }
  });
});
