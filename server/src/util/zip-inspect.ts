/**
 * A bounded, streaming read of a ZIP archive, to decide whether an uploaded ZIP is an honest
 * archive before keeping it (attachments). Nothing is extracted: every entry is inflated a slice
 * at a time, counted and checked against its CRC-32, then the output is dropped, so memory stays
 * a few hundred kilobytes whatever the archive holds. The archive is read by random access
 * (`ZipSource`), never loaded whole.
 *
 * Guards, the same family as the SIECLE import (modules/siecle/parse/zip.ts, which works on bytes
 * already in memory and keeps its own XML-specific messages):
 * - the central directory is read (not the local headers, which a hostile archive can hide
 *   things behind), at most `maxEntries` entries and `maxDirectoryBytes` of directory;
 * - declared sizes are checked before inflating: per entry ≤ `maxEntryBytes`, sum ≤ `maxTotalBytes`,
 *   and the overall inflated/compressed ratio ≤ `maxRatio` once past `ratioFloorBytes` (a ZIP bomb);
 * - inflation stops as soon as an entry's output passes its declared size (a lying header); the
 *   final size and CRC-32 must match;
 * - encrypted entries, ZIP64, multi-disk archives and compressions other than stored/deflate are
 *   refused.
 * Errors are `ZipInspectError` with a stable `kind` and a French `reason` (no file name: the
 * caller adds it).
 */
import { Inflate } from 'fflate';
import { Buffer } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';

export type ZipInspectLimits = {
  maxEntries: number;
  maxDirectoryBytes: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio of the whole archive, checked past `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
};

export type ZipInspectErrorKind =
  | 'not_zip'
  | 'corrupt'
  | 'zip64'
  | 'multi_disk'
  | 'too_many_entries'
  | 'encrypted'
  | 'method'
  | 'too_large'
  | 'bomb'
  | 'size_mismatch'
  | 'crc';

export class ZipInspectError extends Error {
  override readonly name = 'ZipInspectError';
  constructor(
    readonly kind: ZipInspectErrorKind,
    /** French, without the file name. */
    readonly reason: string,
  ) {
    super(reason);
  }
}

export type ZipEntryInfo = { name: string; size: number; compressedSize: number; directory: boolean };

/** Random access to the bytes of an archive. */
export interface ZipSource {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

/** A `ZipSource` over an open file. */
export function fileZipSource(fd: FileHandle, size: number): ZipSource {
  return {
    size,
    async read(position, length) {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      const { bytesRead } = await fd.read(buf, 0, buf.byteLength, position);
      return buf.subarray(0, bytesRead);
    },
  };
}

/** A `ZipSource` over bytes in memory (tests, small archives). */
export function bytesZipSource(bytes: Uint8Array): ZipSource {
  return { size: bytes.byteLength, read: async (position, length) => bytes.subarray(position, Math.min(position + length, bytes.byteLength)) };
}

const SLICE = 16 * 1024;

type CentralEntry = ZipEntryInfo & { flags: number; method: number; crc: number; localOffset: number };

const fail = (kind: ZipInspectErrorKind, reason: string) => new ZipInspectError(kind, reason);

/** Reads and checks the whole archive; returns its entries. Throws `ZipInspectError`. */
export async function inspectZip(source: ZipSource, limits: ZipInspectLimits): Promise<{ entries: ZipEntryInfo[]; totalSize: number }> {
  const central = await readCentralDirectory(source, limits);
  let totalSize = 0;
  let totalCompressed = 0;
  for (const e of central) {
    if (e.flags & 0x1) throw fail('encrypted', `« ${e.name} » est chiffré (protégé par mot de passe) : les archives chiffrées ne sont pas acceptées.`);
    if (e.method !== 0 && e.method !== 8) {
      throw fail('method', `« ${e.name} » utilise une méthode de compression non prise en charge (${e.method}) ; utilisez la compression ZIP standard.`);
    }
    if (e.size > limits.maxEntryBytes) {
      throw fail('too_large', `« ${e.name} » dépasse, une fois décompressé, la taille maximale acceptée (${megabytes(limits.maxEntryBytes)}).`);
    }
    totalSize += e.size;
    totalCompressed += e.compressedSize;
  }
  if (totalSize > limits.maxTotalBytes) {
    throw fail('bomb', `le contenu décompressé de l'archive dépasse la taille maximale acceptée (${megabytes(limits.maxTotalBytes)}).`);
  }
  if (totalSize > limits.ratioFloorBytes && totalSize > limits.maxRatio * Math.max(1, totalCompressed)) {
    throw fail('bomb', `l'archive se décompresse en un volume démesuré par rapport à sa taille (plus de ${limits.maxRatio} fois) : elle ressemble à une « bombe ZIP ».`);
  }
  for (const e of central) await checkEntry(source, e);
  return { entries: central.map(({ name, size, compressedSize, directory }) => ({ name, size, compressedSize, directory })), totalSize };
}

async function readCentralDirectory(source: ZipSource, limits: ZipInspectLimits): Promise<CentralEntry[]> {
  const n = source.size;
  // End of central directory record: 22 bytes + a comment of up to 65,535 bytes.
  const tailStart = Math.max(0, n - 22 - 0xffff);
  const tail = await source.read(tailStart, n - tailStart);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === 0x06054b50 && i + 22 + tv.getUint16(i + 20, true) <= tail.byteLength) {
      at = i;
      break;
    }
  }
  if (at < 0) throw fail('not_zip', "ce n'est pas une archive ZIP lisible (archive abîmée ou incomplète ?).");
  const eocd = tailStart + at;
  const disk = tv.getUint16(at + 4, true);
  const cdDisk = tv.getUint16(at + 6, true);
  const countOnDisk = tv.getUint16(at + 8, true);
  const count = tv.getUint16(at + 10, true);
  const cdSize = tv.getUint32(at + 12, true);
  const cdOffset = tv.getUint32(at + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw fail('zip64', 'les archives ZIP64 ne sont pas prises en charge.');
  if (disk !== 0 || cdDisk !== 0 || countOnDisk !== count) throw fail('multi_disk', 'les archives en plusieurs parties ne sont pas prises en charge.');
  if (count > limits.maxEntries) throw fail('too_many_entries', `l'archive contient trop de fichiers (${count} ; ${limits.maxEntries} au plus).`);
  if (cdSize > limits.maxDirectoryBytes || cdOffset + cdSize > eocd) throw fail('corrupt', 'répertoire de l’archive incohérent (archive abîmée ?).');

  const cd = await source.read(cdOffset, cdSize);
  const view = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const entries: CentralEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.byteLength || view.getUint32(p, true) !== 0x02014b50) throw fail('corrupt', 'répertoire de l’archive abîmé.');
    const nameLength = view.getUint16(p + 28, true);
    if (p + 46 + nameLength > cd.byteLength) throw fail('corrupt', 'répertoire de l’archive abîmé.');
    const flags = view.getUint16(p + 8, true);
    // Names are only shown in messages: UTF-8 when flagged, otherwise printable ASCII kept.
    const raw = Buffer.from(cd.subarray(p + 46, p + 46 + nameLength));
    const name = (flags & 0x800 ? raw.toString('utf8') : raw.toString('latin1').replace(/[^\x20-\x7e]/g, '?')).replace(/\\/g, '/').slice(0, 200);
    const entry: CentralEntry = {
      name,
      flags,
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      directory: name.endsWith('/'),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw fail('zip64', 'les archives ZIP64 ne sont pas prises en charge.');
    }
    entries.push(entry);
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

async function checkEntry(source: ZipSource, entry: CentralEntry): Promise<void> {
  const where = `« ${entry.name} »`;
  const header = await source.read(entry.localOffset, 30);
  const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.byteLength < 30 || hv.getUint32(0, true) !== 0x04034b50) throw fail('corrupt', `${where} : en-tête introuvable (archive abîmée ?).`);
  if (hv.getUint16(6, true) & 0x1) throw fail('encrypted', `${where} est chiffré (protégé par mot de passe) : les archives chiffrées ne sont pas acceptées.`);
  const start = entry.localOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (end > source.size) throw fail('corrupt', `${where} est incomplet (archive tronquée ?).`);

  let produced = 0;
  let crc = 0xffffffff;
  const take = (data: Uint8Array) => {
    produced += data.byteLength;
    if (produced > entry.size) throw fail('size_mismatch', `${where} se décompresse en plus de données que ce que l'archive annonce (archive abîmée ou piégée).`);
    crc = crc32Update(crc, data);
  };
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw fail('size_mismatch', `${where} : tailles incohérentes.`);
    for (let off = start; off < end; off += SLICE) take(await source.read(off, Math.min(SLICE, end - off)));
  } else {
    let finished = false;
    const inflater = new Inflate((data, final) => {
      take(data);
      if (final) finished = true;
    });
    try {
      for (let off = start; ; off += SLICE) {
        const stop = Math.min(off + SLICE, end);
        inflater.push(await source.read(off, stop - off), stop >= end);
        if (stop >= end) break;
      }
    } catch (e) {
      if (e instanceof ZipInspectError) throw e;
      throw fail('corrupt', `${where} ne peut pas être décompressé (archive abîmée ?).`);
    }
    if (!finished) throw fail('corrupt', `${where} ne peut pas être décompressé (archive abîmée ?).`);
  }
  if (produced !== entry.size) throw fail('size_mismatch', `${where} : la taille décompressée ne correspond pas à celle annoncée (archive abîmée ou piégée).`);
  if (((crc ^ 0xffffffff) >>> 0) !== entry.crc) throw fail('crc', `${where} est abîmé (somme de contrôle CRC incorrecte).`);
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

/** CRC-32 step: start with 0xffffffff, finish with `^ 0xffffffff >>> 0`. */
function crc32Update(crc: number, data: Uint8Array): number {
  let c = crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} Mo`;
}
