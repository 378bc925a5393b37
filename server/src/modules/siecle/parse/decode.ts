/**
 * Bytes → text, by the encoding the XML declares (docs/siecle-formats.md §2.3–2.4).
 *
 * Rules, in order:
 * 1. A byte-order mark wins over the declaration (XML 1.0 appendix F): UTF-8 `EF BB BF`,
 *    UTF-16 `FF FE` / `FE FF`. It is removed from the text.
 * 2. Without a BOM, UTF-16 is recognised by `<?` written on two bytes.
 * 3. Otherwise the `encoding="…"` of the XML declaration is used; no declaration means UTF-8.
 *    Accepted: UTF-8, ISO-8859-15 (what SIECLE writes), ISO-8859-1, windows-1252, US-ASCII.
 *    ISO-8859-1 and US-ASCII are decoded as windows-1252, like browsers do: identical for every
 *    printable Latin-1 character, and right for files that really are windows-1252 (œ at 0x9C,
 *    ’ at 0x92). Anything else is refused (`siecle.encoding_unsupported`).
 * 4. Two repairs, reported as a warning rather than silently:
 *    - declared single-byte, but the bytes are valid UTF-8 with non-ASCII characters: someone
 *      opened the export, edited it and saved it as UTF-8 keeping the declaration (Pix PR
 *      #15257). Decoding as declared would turn « é » into « Ã© »; we decode as UTF-8.
 *    - declared (or defaulted to) UTF-8, but not valid UTF-8: decoded as ISO-8859-15.
 *
 * Decoding is done in chunks (`decodeInChunks`) so that a 100 MB file never becomes one string.
 */
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { SiecleFileError } from './errors.ts';
import { DECODE_CHUNK_BYTES } from './limits.ts';

/** The decoders we use; any other label iconv-lite knows is used as declared (e.g. `macintosh`). */
export type SiecleEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'iso-8859-15' | 'windows-1252' | (string & {});

export type EncodingRepair =
  /** Declared ISO-8859-x / windows-1252, content is UTF-8: decoded as UTF-8. */
  | 'declared_single_byte_but_utf8'
  /** Declared (or defaulted to) UTF-8, content is not UTF-8: decoded as ISO-8859-15. */
  | 'declared_utf8_but_invalid';

export interface DecodingInfo {
  /** Encoding used to decode. */
  encoding: SiecleEncoding;
  /** The `encoding` pseudo-attribute as written, or null when absent. */
  declaredEncoding: string | null;
  /** Which BOM was found (and skipped), if any. */
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  /** Set when the content contradicted the declaration (see rule 4). */
  repair: EncodingRepair | null;
  /** Offset of the first byte after the BOM. */
  start: number;
}

const SINGLE_BYTE_ALIASES: Record<string, SiecleEncoding> = {
  'iso-8859-15': 'iso-8859-15',
  'iso8859-15': 'iso-8859-15',
  'iso_8859-15': 'iso-8859-15',
  iso885915: 'iso-8859-15',
  'latin-9': 'iso-8859-15',
  latin9: 'iso-8859-15',
  l9: 'iso-8859-15',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  iso88591: 'windows-1252',
  'latin-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

/**
 * Whether the encoding writes `<?xml … ?>` as ASCII does (the declaration was read that way):
 * not UTF-16/32 nor EBCDIC-like labels, which a declaration read byte by byte cannot have.
 */
function isAsciiCompatible(label: string): boolean {
  const probe = '<?xml version="1.0"?>';
  try {
    return iconv.decode(Buffer.from(probe, 'latin1'), label) === probe;
  } catch {
    return false;
  }
}

const ICONV_NAME: Record<string, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'iso-8859-15': 'iso885915',
  'windows-1252': 'windows1252',
};

/** Read the first bytes and decide how to decode. Throws `siecle.encoding_unsupported`. */
export function sniffEncoding(bytes: Uint8Array, fileName: string): DecodingInfo {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { encoding: 'utf-8', declaredEncoding: readDeclaredEncoding(bytes, 3, 1), bom: 'utf-8', repair: null, start: 3 };
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return { encoding: 'utf-16le', declaredEncoding: readDeclaredEncoding(bytes, 2, 2, 0), bom: 'utf-16le', repair: null, start: 2 };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { encoding: 'utf-16be', declaredEncoding: readDeclaredEncoding(bytes, 2, 2, 1), bom: 'utf-16be', repair: null, start: 2 };
  }
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && bytes[3] === 0x00) {
    return { encoding: 'utf-16le', declaredEncoding: readDeclaredEncoding(bytes, 0, 2, 0), bom: null, repair: null, start: 0 };
  }
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && bytes[3] === 0x3f) {
    return { encoding: 'utf-16be', declaredEncoding: readDeclaredEncoding(bytes, 0, 2, 1), bom: null, repair: null, start: 0 };
  }

  const declared = readDeclaredEncoding(bytes, 0, 1);
  const label = declared?.toLowerCase() ?? 'utf-8';
  if (label === 'utf-8' || label === 'utf8') {
    if (isUtf8(bytes)) return { encoding: 'utf-8', declaredEncoding: declared, bom: null, repair: null, start: 0 };
    return { encoding: 'iso-8859-15', declaredEncoding: declared, bom: null, repair: 'declared_utf8_but_invalid', start: 0 };
  }
  const singleByte = SINGLE_BYTE_ALIASES[label];
  if (!singleByte) {
    // Any other label iconv-lite can decode is taken as declared (what other importers accept).
    if (iconv.encodingExists(label) && isAsciiCompatible(label)) return { encoding: label, declaredEncoding: declared, bom: null, repair: null, start: 0 };
    throw new SiecleFileError(
      'siecle.encoding_unsupported',
      fileName,
      `l'encodage « ${declared ?? ''} » déclaré ligne 1 (<?xml … encoding="…"?>) n'est pas connu (attendu : ISO-8859-15, ISO-8859-1 ou UTF-8, ou un autre encodage courant).`,
      1,
    );
  }
  if (!isAscii(bytes) && isUtf8(bytes)) {
    return { encoding: 'utf-8', declaredEncoding: declared, bom: null, repair: 'declared_single_byte_but_utf8', start: 0 };
  }
  return { encoding: singleByte, declaredEncoding: declared, bom: null, repair: null, start: 0 };
}

/**
 * Decode `bytes` (from `info.start`) chunk by chunk and hand each piece of text to `onText`.
 * `onText` may throw to stop early.
 */
export function decodeInChunks(
  bytes: Uint8Array,
  info: DecodingInfo,
  onText: (text: string) => void,
  chunkBytes: number = DECODE_CHUNK_BYTES,
): void {
  const native = NATIVE_DECODER[info.encoding];
  if (native) {
    // The two encodings of real exports: Node's own decoder, several times faster than
    // iconv-lite's and the same table (checked byte by byte in decode.test.ts).
    const decoder = new TextDecoder(native);
    for (let offset = info.start; offset < bytes.length; offset += chunkBytes) {
      const text = decoder.decode(bytes.subarray(offset, Math.min(offset + chunkBytes, bytes.length)), { stream: true });
      if (text.length > 0) onText(text);
    }
    const rest = decoder.decode();
    if (rest) onText(rest);
    return;
  }
  const decoder = iconv.getDecoder(ICONV_NAME[info.encoding] ?? info.encoding, { stripBOM: false });
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = info.start; offset < buffer.length; offset += chunkBytes) {
    const text = decoder.write(buffer.subarray(offset, Math.min(offset + chunkBytes, buffer.length)));
    if (text.length > 0) onText(text);
  }
  const rest = decoder.end();
  if (rest) onText(rest);
}

/** Encodings decoded by Node's TextDecoder (not windows-1252: Node's table differs from it). */
const NATIVE_DECODER: Record<string, string> = { 'utf-8': 'utf-8', 'iso-8859-15': 'iso-8859-15' };

/** Whole-file convenience (tests, small files). */
export function decodeXml(bytes: Uint8Array, fileName: string): { text: string; info: DecodingInfo } {
  const info = sniffEncoding(bytes, fileName);
  const parts: string[] = [];
  decodeInChunks(bytes, info, (t) => parts.push(t));
  return { text: parts.join(''), info };
}

/** French label of an encoding, for messages. */
export function encodingLabel(encoding: SiecleEncoding): string {
  return encoding.toUpperCase();
}

/**
 * The `encoding` of `<?xml … ?>` at `start`. `step` is 2 for UTF-16 (then `low` is the index,
 * 0 or 1, of the byte carrying the ASCII character).
 */
function readDeclaredEncoding(bytes: Uint8Array, start: number, step: 1 | 2, low: 0 | 1 = 0): string | null {
  let head = '';
  for (let i = start + low; i < bytes.length && head.length < 512; i += step) {
    const c = bytes[i]!;
    if (step === 2 && bytes[i + (low === 0 ? 1 : -1)] !== 0) break;
    if (c === 0 || c >= 0x80) break;
    head += String.fromCharCode(c);
    if (head.endsWith('?>')) break;
  }
  if (!head.startsWith('<?xml')) return null;
  const end = head.indexOf('?>');
  const decl = end >= 0 ? head.slice(0, end) : head;
  const m = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl);
  return m ? m[2]!.trim() : null;
}
