import { zipSync } from 'fflate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Small but real files of each accepted type, and hostile ones, for the files module's tests. */
export const SAMPLES = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  jpeg: () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0xff, 0xd9]),
  png: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  zip: () => Buffer.from(zipSync({ 'travail/compte-rendu.txt': new TextEncoder().encode('Compte rendu de la séance.\n'.repeat(50)), 'travail/': new Uint8Array(0) })),
  elf: () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]),
  mz: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]),
  /** 11 MB of zeros in a ~11 KB archive: honest headers, absurd ratio. */
  ratioBomb: () => Buffer.from(zipSync({ 'zeros.bin': new Uint8Array(11 * 1024 * 1024) }, { level: 9 })),
  /** Headers that lie: the entry announces 1,000 bytes and inflates to 1 MB. */
  lyingBomb: () => patchCentral(Buffer.from(zipSync({ 'petit.txt': new Uint8Array(1024 * 1024) })), (b, at) => {
    b.writeUInt32LE(1000, at + 24);
    b.writeUInt32LE(1000, localOf(b, at) + 22);
  }),
  /** Declares 200 MB inflated (over the total limit): refused before inflating anything. */
  hugeDeclared: () => patchCentral(Buffer.from(zipSync({ 'gros.bin': new Uint8Array(1000) })), (b, at) => b.writeUInt32LE(200 * 1024 * 1024, at + 24)),
  /** The "encrypted" flag set (as a password-protected ZIP has it). */
  encrypted: () => patchCentral(Buffer.from(zipSync({ 'secret.txt': new TextEncoder().encode('secret') })), (b, at) => {
    b.writeUInt16LE(b.readUInt16LE(at + 8) | 1, at + 8);
    const local = localOf(b, at);
    b.writeUInt16LE(b.readUInt16LE(local + 6) | 1, local + 6);
  }),
  /** A byte of the stored data changed: the CRC no longer matches. */
  badCrc: () => {
    const b = Buffer.from(zipSync({ 'a.txt': new TextEncoder().encode('bonjour bonjour') }, { level: 0 }));
    const at = 30 + 'a.txt'.length;
    b[at] = b[at]! ^ 0xff;
    return b;
  },
};

function localOf(b: Buffer, central: number): number {
  return b.readUInt32LE(central + 42);
}

/** Applies `patch` to each central-directory header of the archive. */
function patchCentral(b: Buffer, patch: (b: Buffer, at: number) => void): Buffer {
  for (let i = b.length - 46; i >= 0; i--) if (b.readUInt32LE(i) === 0x02014b50) patch(b, i);
  return b;
}

/** Writes `bytes` to a new temporary file, like http/upload.ts does. */
export function tempUpload(filename: string, bytes: Buffer): { filename: string; tmpPath: string; size: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-files-test-'));
  const tmpPath = path.join(dir, 'upload');
  fs.writeFileSync(tmpPath, bytes, { mode: 0o600 });
  return { filename, tmpPath, size: bytes.byteLength };
}
