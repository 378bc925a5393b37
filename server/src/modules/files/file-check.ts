import type { AttachmentMediaType } from '../../db/tables/teaching.ts';

/** Largest attachment accepted (a scanned PDF, a phone photo, a ZIP of a pupil's work). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

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
