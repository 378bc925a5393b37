/**
 * ZIP uploads (`ExportXML_ElevesSansAdresses.zip`, or a ZIP the user made of the three files).
 *
 * The central directory is read here (not by fflate's `unzipSync`, which trusts declared sizes
 * and grows its buffer past them); each XML entry is inflated by fflate's streaming `Inflate`,
 * a few kilobytes at a time, counting the output. Guards against hostile archives:
 * - at most MAX_ZIP_ENTRIES listed entries, input at most MAX_ZIP_BYTES;
 * - declared sizes checked before inflating: per entry ≤ MAX_XML_BYTES, sum ≤ MAX_ZIP_TOTAL_BYTES;
 * - inflation stops as soon as the output exceeds the declared size (a lying header), and the
 *   final size and CRC-32 must match the declaration;
 * - encrypted, ZIP64, multi-disk archives and compressions other than stored/deflate are refused.
 * Folders, `__MACOSX/…`, hidden files (`.…`) and non-`.xml` files are skipped without inflating.
 * Each XML entry is then recognised by its root element, never by its name.
 */
import type * as Fflate from 'fflate';
import iconv from 'iconv-lite';
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { detectSiecleKind } from './detect.ts';
import { SiecleFileError } from './errors.ts';
import { MAX_XML_BYTES, MAX_ZIP_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_TOTAL_BYTES, ZIP_INFLATE_SLICE } from './limits.ts';
import type { SiecleKind } from './types.ts';
import { formatMegabytes } from './xml-stream.ts';

export interface SiecleZipEntry {
  /** Path inside the archive. */
  name: string;
  /** Name for messages: `ElevesSansAdresses.xml (ExportXML_ElevesSansAdresses.zip)`. */
  displayName: string;
  kind: SiecleKind;
  bytes: Uint8Array;
}

export interface SiecleZipContents {
  byKind: Partial<Record<SiecleKind, SiecleZipEntry>>;
  /** Entries in archive order. */
  entries: SiecleZipEntry[];
  /** What was left aside, and why (French), for the analysis report. */
  skipped: { name: string; reason: string }[];
}

export interface ZipLimits {
  maxZipBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

const DEFAULT_LIMITS: ZipLimits = {
  maxZipBytes: MAX_ZIP_BYTES,
  maxEntries: MAX_ZIP_ENTRIES,
  maxEntryBytes: MAX_XML_BYTES,
  maxTotalBytes: MAX_ZIP_TOTAL_BYTES,
};

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export function extractSiecleZip(bytes: Uint8Array, zipName: string, limits: Partial<ZipLimits> = {}): SiecleZipContents {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.byteLength > lim.maxZipBytes) {
    throw new SiecleFileError('siecle.too_large', zipName, `l'archive dépasse la taille maximale acceptée (${formatMegabytes(lim.maxZipBytes)}).`);
  }
  const central = readCentralDirectory(bytes, zipName, lim);
  const skipped: SiecleZipContents['skipped'] = [];
  const wanted: CentralEntry[] = [];
  for (const entry of central) {
    const reason = skipReason(entry.name);
    if (reason) skipped.push({ name: entry.name, reason });
    else wanted.push(entry);
  }

  let declaredTotal = 0;
  for (const entry of wanted) {
    if (entry.size > lim.maxEntryBytes) {
      throw new SiecleFileError('siecle.too_large', zipName, `« ${entry.name} » dépasse, une fois décompressé, la taille maximale acceptée (${formatMegabytes(lim.maxEntryBytes)}).`);
    }
    declaredTotal += entry.size;
  }
  if (declaredTotal > lim.maxTotalBytes) {
    throw new SiecleFileError('siecle.too_large', zipName, `le contenu décompressé de l'archive dépasse la taille maximale acceptée (${formatMegabytes(lim.maxTotalBytes)}).`);
  }

  const entries: SiecleZipEntry[] = [];
  const byKind: SiecleZipContents['byKind'] = {};
  for (const entry of wanted) {
    const data = readEntry(bytes, entry, zipName);
    const displayName = `${baseName(entry.name)} (${zipName})`;
    let kind: SiecleKind;
    try {
      kind = detectSiecleKind(data, displayName);
    } catch (e) {
      if (e instanceof SiecleFileError && e.code === 'siecle.wrong_file_type') {
        skipped.push({ name: entry.name, reason: e.reason });
        continue;
      }
      throw e;
    }
    const previous = byKind[kind];
    if (previous) {
      throw new SiecleFileError(
        'siecle.zip_duplicate',
        zipName,
        `l'archive contient deux exports du même type (« ${previous.name} » et « ${entry.name} ») : déposez-les séparément.`,
      );
    }
    const zipEntry: SiecleZipEntry = { name: entry.name, displayName, kind, bytes: data };
    byKind[kind] = zipEntry;
    entries.push(zipEntry);
  }
  if (entries.length === 0) {
    throw new SiecleFileError(
      'siecle.zip_empty',
      zipName,
      central.length === 0
        ? "l'archive est vide."
        : "l'archive ne contient aucun export SIECLE (élèves, responsables) ni STSWEB (sts_emp) au format XML.",
    );
  }
  return { byKind, entries, skipped };
}

function skipReason(name: string): string | null {
  if (name.endsWith('/')) return 'dossier';
  if (name.startsWith('__MACOSX/') || name.includes('/__MACOSX/')) return 'fichier technique de macOS';
  const base = baseName(name);
  if (base.startsWith('.')) return 'fichier caché';
  if (!/\.xml$/i.test(base)) return "ce n'est pas un fichier .xml";
  return null;
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function invalid(zipName: string, reason: string): SiecleFileError {
  return new SiecleFileError('siecle.zip_invalid', zipName, reason);
}

function readCentralDirectory(bytes: Uint8Array, zipName: string, lim: ZipLimits): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  // End of central directory record: 22 bytes + a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === 0x06054b50 && i + 22 + view.getUint16(i + 20, true) <= n) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid(zipName, "ce n'est pas une archive ZIP lisible (archive abîmée ou incomplète ?).");
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const countOnDisk = view.getUint16(eocd + 8, true);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw invalid(zipName, "les archives ZIP64 ne sont pas prises en charge : compressez les fichiers XML avec l'outil standard du système.");
  }
  if (disk !== 0 || cdDisk !== 0 || countOnDisk !== count) {
    throw invalid(zipName, 'les archives en plusieurs parties ne sont pas prises en charge.');
  }
  if (count > lim.maxEntries) {
    throw invalid(zipName, `l'archive contient trop de fichiers (${count} ; ${lim.maxEntries} au plus).`);
  }
  if (cdOffset + cdSize > eocd) throw invalid(zipName, 'répertoire de l’archive incohérent (archive abîmée ?).');

  const entries: CentralEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw invalid(zipName, 'répertoire de l’archive abîmé.');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLength > eocd) throw invalid(zipName, 'répertoire de l’archive abîmé.');
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: UTF-8 name; otherwise IBM code page 437 (what Windows' zip writes).
    const name = (flags & 0x800 ? Buffer.from(rawName).toString('utf8') : iconv.decode(Buffer.from(rawName), 'cp437')).replace(/\\/g, '/');
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw invalid(zipName, 'les archives ZIP64 ne sont pas prises en charge.');
    }
    entries.push({ name, flags, method, crc, compressedSize, size, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntry(bytes: Uint8Array, entry: CentralEntry, zipName: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const where = `« ${entry.name} »`;
  if (entry.flags & 0x1) throw invalid(zipName, `${where} est chiffré (protégé par mot de passe) : il ne peut pas être lu.`);
  const lh = entry.localOffset;
  if (lh + 30 > bytes.byteLength || view.getUint32(lh, true) !== 0x04034b50) throw invalid(zipName, `${where} : en-tête introuvable (archive abîmée ?).`);
  const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw invalid(zipName, `${where} est incomplet (archive tronquée ?).`);
  const compressed = bytes.subarray(start, end);

  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw invalid(zipName, `${where} : tailles incohérentes.`);
    out = compressed.slice();
  } else if (entry.method === 8) {
    out = inflateBounded(compressed, entry.size, zipName, where);
  } else {
    throw invalid(zipName, `${where} utilise une méthode de compression non prise en charge (${entry.method}) ; utilisez la compression ZIP standard.`);
  }
  if (out.byteLength !== entry.size) {
    throw invalid(zipName, `${where} : la taille décompressée ne correspond pas à celle annoncée (archive abîmée ou piégée).`);
  }
  if (crc32(out) !== entry.crc) throw invalid(zipName, `${where} est abîmé (somme de contrôle CRC incorrecte).`);
  return out;
}

/**
 * fflate's `Inflate`, loaded at the first ZIP: most imports are plain XML, and loading fflate cost
 * every `cerise import` about 15 ms of its start (docs/performance.md, « Import par la ligne de commande »).
 */
let inflateClass: typeof Fflate.Inflate | undefined;
const Inflate = (): typeof Fflate.Inflate => (inflateClass ??= (createRequire(import.meta.url)('fflate') as typeof Fflate).Inflate);

/** Inflate raw DEFLATE data, refusing to produce more than `expected` bytes. */
function inflateBounded(compressed: Uint8Array, expected: number, zipName: string, where: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const tooBig = (): SiecleFileError =>
    invalid(zipName, `${where} se décompresse en plus de données que ce que l'archive annonce (archive abîmée ou piégée).`);
  const inflater = new (Inflate())((data, final) => {
    total += data.byteLength;
    if (total > expected) throw tooBig();
    if (data.byteLength > 0) chunks.push(data);
    if (final) finished = true;
  });
  try {
    for (let offset = 0; offset < compressed.byteLength || offset === 0; offset += ZIP_INFLATE_SLICE) {
      const end = Math.min(offset + ZIP_INFLATE_SLICE, compressed.byteLength);
      inflater.push(compressed.subarray(offset, end), end >= compressed.byteLength);
      if (end >= compressed.byteLength) break;
    }
  } catch (e) {
    if (e instanceof SiecleFileError) throw e;
    throw invalid(zipName, `${where} ne peut pas être décompressé (archive abîmée ?).`);
  }
  if (!finished) throw invalid(zipName, `${where} ne peut pas être décompressé (archive abîmée ?).`);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
