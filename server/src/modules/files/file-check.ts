import fs from 'node:fs';
import type { AttachmentMediaType } from '../../db/tables/teaching.ts';
import { fileZipSource, inspectZip, ZipInspectError, type ZipInspectLimits } from '../../util/zip-inspect.ts';

/** Largest attachment accepted (a scanned PDF, a phone photo, a ZIP of a pupil's work). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * What a ZIP attachment may hold once inflated (the import's guards, sized for attachments): a
 * pupil's work is a few documents, not a disk image; a ratio past 100 over 10 MB is a ZIP bomb.
 */
export const ATTACHMENT_ZIP_LIMITS: ZipInspectLimits = {
  maxEntries: 1000,
  maxDirectoryBytes: 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 10 * 1024 * 1024,
};

/** « 10 Mo », « 64 Ko »: a limit as a user reads it. */
export function formatSize(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 1024) return `${(mb / 1024).toFixed(1).replace('.', ',').replace(/,0$/, '')} Go`;
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`;
}

const SIGNATURES: { type: AttachmentMediaType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\3\4
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The media type the first bytes show (magic bytes), whatever the file is called; null if none. */
export function sniffMediaType(head: Uint8Array): AttachmentMediaType | null {
  for (const s of SIGNATURES) {
    if (head.byteLength >= s.bytes.length && s.bytes.every((b, i) => head[i] === b)) return s.type;
  }
  return null;
}

/** Whether the first bytes are those of a program (ELF, Windows MZ/PE, Mach-O, shell script). */
export function looksExecutable(head: Uint8Array): boolean {
  const starts = (...bytes: number[]) => head.byteLength >= bytes.length && bytes.every((b, i) => head[i] === b);
  return (
    starts(0x7f, 0x45, 0x4c, 0x46) || // \x7fELF
    starts(0x4d, 0x5a) || // MZ
    starts(0xcf, 0xfa, 0xed, 0xfe) ||
    starts(0xfe, 0xed, 0xfa, 0xcf) ||
    starts(0xca, 0xfe, 0xba, 0xbe) ||
    starts(0x23, 0x21) // #!
  );
}

/** The media type a file name announces by its extension (to catch a PDF renamed `.zip`). */
export function mediaTypeOfName(filename: string): AttachmentMediaType | null {
  const ext = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  switch (ext) {
    case 'pdf':
      return 'application/pdf';
    case 'zip':
      return 'application/zip';
    case 'jpg':
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    default:
      return null;
  }
}

/**
 * Reads a ZIP file whole, without extracting it (util/zip-inspect.ts): returns null when it is an
 * honest archive, else the French reason (encrypted, ZIP64, corrupt, bomb…).
 */
export async function zipProblem(file: string, limits: ZipInspectLimits = ATTACHMENT_ZIP_LIMITS): Promise<string | null> {
  const fd = await fs.promises.open(file, 'r');
  try {
    await inspectZip(fileZipSource(fd, (await fd.stat()).size), limits);
    return null;
  } catch (e) {
    if (e instanceof ZipInspectError) return e.reason;
    throw e;
  } finally {
    await fd.close();
  }
}
