import { describe, expect, it } from 'vitest';
import { ATTACHMENT_ZIP_LIMITS } from '../modules/files/file-check.ts';
import { SAMPLES } from '../modules/files/files.test-support.ts';
import { bytesZipSource, inspectZip } from './zip-inspect.ts';

const inspect = (b: Uint8Array) => inspectZip(bytesZipSource(b), ATTACHMENT_ZIP_LIMITS);

describe('inspectZip', () => {
  it('reads an honest archive whole and lists its entries', async () => {
    const { entries, totalSize } = await inspect(SAMPLES.zip());
    expect(entries.map((e) => e.name).sort()).toEqual(['travail/', 'travail/compte-rendu.txt']);
    expect(totalSize).toBe(Buffer.byteLength('Compte rendu de la séance.\n'.repeat(50)));
  });

  it.each([
    ['a ZIP bomb by ratio', SAMPLES.ratioBomb, 'bomb', /bombe ZIP/],
    ['a header that lies about the inflated size', SAMPLES.lyingBomb, 'size_mismatch', /plus de données que ce que l'archive annonce/],
    ['a declared size over the limit', SAMPLES.hugeDeclared, 'too_large', /taille maximale acceptée \(100 Mo\)/],
    ['an encrypted entry', SAMPLES.encrypted, 'encrypted', /chiffré/],
    ['a corrupted entry', SAMPLES.badCrc, 'crc', /CRC/],
    ['something that is not a ZIP', SAMPLES.pdf, 'not_zip', /pas une archive ZIP/],
  ])('refuses %s', async (_, make, kind, reason) => {
    await expect(inspect(make())).rejects.toMatchObject({ kind, reason: expect.stringMatching(reason) });
  });

  it('refuses ZIP64 and a truncated archive', async () => {
    const z = SAMPLES.zip();
    const eocd = z.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const zip64 = Buffer.from(z);
    zip64.writeUInt32LE(0xffffffff, eocd + 16);
    await expect(inspect(zip64)).rejects.toMatchObject({ kind: 'zip64' });
    await expect(inspect(z.subarray(0, z.length - 10))).rejects.toMatchObject({ kind: 'not_zip' });
  });

  it('refuses too many entries', async () => {
    await expect(inspectZip(bytesZipSource(SAMPLES.zip()), { ...ATTACHMENT_ZIP_LIMITS, maxEntries: 1 })).rejects.toMatchObject({ kind: 'too_many_entries' });
  });
});
