import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateSiecleFiles, makeSchool } from '../synthetic/generate.ts';
import { expectSiecleError, utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { parseSiecleUpload } from './index.ts';
import { crc32, extractSiecleZip } from './zip.ts';

const school = makeSchool({ learners: 12, seed: 5 });
const files = generateSiecleFiles(school);
const PDF = utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

function zip(entries: Zippable, level: 0 | 6 = 6): Uint8Array {
  return zipSync(entries, { level, mtime: new Date('2024-09-05T10:00:00Z') });
}

/** Offsets of the central directory headers of a ZIP. */
function centralHeaders(z: Uint8Array): number[] {
  const view = new DataView(z.buffer, z.byteOffset, z.byteLength);
  let eocd = z.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  const out: number[] = [];
  let p = view.getUint32(eocd + 16, true);
  for (let i = 0; i < count; i++) {
    out.push(p);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

const FIELDS = { flags: [8, 2], method: [10, 2], crc: [16, 4], compressedSize: [20, 4], size: [24, 4] } as const;

function patch(z: Uint8Array, entry: number, field: keyof typeof FIELDS, value: number): Uint8Array {
  const copy = z.slice();
  const view = new DataView(copy.buffer);
  const [offset, width] = FIELDS[field];
  const at = centralHeaders(copy)[entry]! + offset;
  if (width === 2) view.setUint16(at, value, true);
  else view.setUint32(at, value, true);
  return copy;
}

describe('extractSiecleZip', () => {
  it('finds the three exports by content, skipping folders, macOS litter, hidden and other files', () => {
    const z = zip({
      'ExportXML/': new Uint8Array(0),
      'ExportXML/ElevesSansAdresses.xml': files.eleves,
      '__MACOSX/ExportXML/._ElevesSansAdresses.xml': new Uint8Array([0, 5, 22, 7, 0, 2]),
      'lisezmoi.txt': utf8('bonjour'),
      '.cache.xml': files.sts,
      'Nomenclature.xml': utf8('<?xml version="1.0"?><BEE_NOMENCLATURES VERSION="3.1"/>'),
      'export-sts.XML': files.sts,
      'ResponsablesAvecAdresses.xml': files.responsables,
    });
    const contents = extractSiecleZip(z, 'export.zip');
    expect(contents.entries.map((e) => [e.name, e.kind, e.displayName])).toEqual([
      ['ExportXML/ElevesSansAdresses.xml', 'eleves', 'ElevesSansAdresses.xml (export.zip)'],
      ['export-sts.XML', 'sts', 'export-sts.XML (export.zip)'],
      ['ResponsablesAvecAdresses.xml', 'responsables', 'ResponsablesAvecAdresses.xml (export.zip)'],
    ]);
    expect(contents.byKind.eleves!.bytes).toEqual(files.eleves);
    expect(contents.byKind.sts!.bytes).toEqual(files.sts);
    expect(contents.skipped.map((s) => s.name)).toEqual([
      'ExportXML/',
      '__MACOSX/ExportXML/._ElevesSansAdresses.xml',
      'lisezmoi.txt',
      '.cache.xml',
      'Nomenclature.xml',
    ]);
    expect(contents.skipped[4]!.reason).toContain('BEE_NOMENCLATURES');
  });

  it('reads stored (uncompressed) entries', () => {
    const contents = extractSiecleZip(zip({ 'e.xml': files.eleves }, 0), 'a.zip');
    expect(contents.byKind.eleves!.bytes).toEqual(files.eleves);
  });

  it('decodes IBM 437 entry names (Windows zip without the UTF-8 flag)', () => {
    const z = zip({ 'ElXve.xml': files.eleves });
    const at = centralHeaders(z)[0]! + 46 + 2; // the X
    z[at] = 0x8a; // è in code page 437
    expect(extractSiecleZip(z, 'a.zip').entries[0]!.name).toBe('Elève.xml');
  });

  it('refuses an empty archive and one without any export', () => {
    const empty = zip({});
    expect(empty.length).toBe(22);
    expect(expectSiecleError(() => extractSiecleZip(empty, 'vide.zip'), 'siecle.zip_empty', null).message).toBe("vide.zip : l'archive est vide.");
    expectSiecleError(() => extractSiecleZip(zip({ 'a.txt': utf8('x'), 'dir/': new Uint8Array(0) }), 'a.zip'), 'siecle.zip_empty', null);
    const pdf = expectSiecleError(() => extractSiecleZip(zip({ 'ElevesSansAdresses.xml': PDF }), 'a.zip'), 'siecle.zip_empty', null);
    expect(pdf.reason).toContain('aucun export');
  });

  it('refuses two exports of the same kind', () => {
    const error = expectSiecleError(() => extractSiecleZip(zip({ 'a.xml': files.eleves, 'b.xml': files.eleves }), 'a.zip'), 'siecle.zip_duplicate', null);
    expect(error.reason).toContain('« a.xml » et « b.xml »');
  });

  it('refuses too many entries before inflating anything', () => {
    const many: Zippable = {};
    for (let i = 0; i < 101; i++) many[`f${i}.txt`] = utf8('x');
    const error = expectSiecleError(() => extractSiecleZip(zip(many), 'a.zip'), 'siecle.zip_invalid', null);
    expect(error.reason).toContain('trop de fichiers (101');
  });

  it('refuses an archive or an entry over the size limits, from the declared sizes', () => {
    expectSiecleError(() => extractSiecleZip(zip({ 'e.xml': files.eleves }), 'a.zip', { maxZipBytes: 100 }), 'siecle.too_large', null);
    expectSiecleError(() => extractSiecleZip(zip({ 'e.xml': files.eleves }), 'a.zip', { maxEntryBytes: 1000 }), 'siecle.too_large', null);
    expectSiecleError(() => extractSiecleZip(zip({ 'e.xml': files.eleves, 'r.xml': files.responsables }), 'a.zip', { maxTotalBytes: files.eleves.length + 10 }), 'siecle.too_large', null);
    // 3 GB declared: refused at once with the default limits.
    const huge = patch(zip({ 'e.xml': files.eleves }), 0, 'size', 0xc0000000);
    const started = performance.now();
    expectSiecleError(() => extractSiecleZip(huge, 'a.zip'), 'siecle.too_large', null);
    expect(performance.now() - started).toBeLessThan(2_000); // refused before reading: speed is measured in bench/
  });

  it('stops a zip bomb whose header lies about its size', () => {
    const zeros = new Uint8Array(32 * 1024 * 1024);
    const bomb = patch(zip({ 'ElevesSansAdresses.xml': zeros }), 0, 'size', 1000);
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const error = expectSiecleError(() => extractSiecleZip(bomb, 'bombe.zip'), 'siecle.zip_invalid', null);
    expect(error.reason).toContain('plus de données que ce que l\'archive annonce');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses an entry smaller than declared, a bad CRC, corrupt data', () => {
    const z = zip({ 'e.xml': files.eleves });
    expectSiecleError(() => extractSiecleZip(patch(z, 0, 'size', files.eleves.length + 1), 'a.zip'), 'siecle.zip_invalid', null);
    const crc = expectSiecleError(() => extractSiecleZip(patch(z, 0, 'crc', crc32(files.eleves) ^ 1), 'a.zip'), 'siecle.zip_invalid', null);
    expect(crc.reason).toContain('CRC');
    const corrupt = z.slice();
    corrupt.fill(0xff, 60, 400);
    expectSiecleError(() => extractSiecleZip(corrupt, 'a.zip'), 'siecle.zip_invalid', null);
  });

  it('refuses encrypted entries, unknown compression, ZIP64 and truncated archives', () => {
    const z = zip({ 'e.xml': files.eleves });
    expect(expectSiecleError(() => extractSiecleZip(patch(z, 0, 'flags', 1), 'a.zip'), 'siecle.zip_invalid', null).reason).toContain('chiffré');
    expect(expectSiecleError(() => extractSiecleZip(patch(z, 0, 'method', 12), 'a.zip'), 'siecle.zip_invalid', null).reason).toContain('compression');
    expectSiecleError(() => extractSiecleZip(patch(z, 0, 'size', 0xffffffff), 'a.zip'), 'siecle.zip_invalid', null);
    expectSiecleError(() => extractSiecleZip(z.slice(0, Math.floor(z.length / 2)), 'a.zip'), 'siecle.zip_invalid', null);
    expectSiecleError(() => extractSiecleZip(z.slice(0, z.length - 30), 'a.zip'), 'siecle.zip_invalid', null);
  });

  it('reports a broken XML inside the archive with the entry name and line', () => {
    const broken = utf8('<?xml version="1.0"?>\n<BEE_ELEVES>\n<PARAMETRES>\n</BEE_ELEVES>');
    const error = expectSiecleError(() => parseSiecleUpload(zip({ 'ElevesSansAdresses.xml': broken }), 'ExportXML_ElevesSansAdresses.zip'), 'siecle.malformed_xml', 4);
    expect(error.file).toBe('ElevesSansAdresses.xml (ExportXML_ElevesSansAdresses.zip)');
    expect(error.message).toMatch(/^ElevesSansAdresses\.xml \(ExportXML_ElevesSansAdresses\.zip\), ligne 4 : /);
  });

  it('parseSiecleUpload parses every export of an archive', () => {
    const upload = parseSiecleUpload(zip({ 'a.xml': files.responsables, 'b.xml': files.sts, 'readme.md': utf8('#') }), 'tout.zip');
    expect(upload.files.map((f) => [f.kind, f.fileName])).toEqual([
      ['responsables', 'a.xml (tout.zip)'],
      ['sts', 'b.xml (tout.zip)'],
    ]);
    expect(upload.skipped).toEqual([{ name: 'readme.md', reason: "ce n'est pas un fichier .xml" }]);
  });
});

describe('crc32', () => {
  it('matches the reference value', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
