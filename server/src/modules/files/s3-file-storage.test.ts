import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import type { FileStorage } from './file-storage.ts';
import { createFileStorage } from './storage.factory.ts';

/**
 * The S3 adapter against s3rver, an S3-compatible server on loopback (what it does not check:
 * docs/performance.md « Stockage S3 »). Selected by configuration, as the server does.
 */
let server: S3rver;
let dir: string;
let storage: FileStorage;
let endpoint: string;

const read = async (stream: AsyncIterable<unknown>) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const tempFile = (bytes: Buffer) => {
  const file = path.join(dir, crypto.randomBytes(6).toString('hex'));
  fs.writeFileSync(file, bytes);
  return file;
};
const key = () => `est-${crypto.randomBytes(4).toString('hex')}/ab/${crypto.randomBytes(32).toString('hex')}`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-s3-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dir, 'bucket'), configureBuckets: [{ name: 'cerise' }] });
  const { port } = (await server.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${port}`;
  const config = loadConfig({ STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: 'cerise', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' });
  storage = createFileStorage(config);
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('S3-compatible storage (s3rver on loopback)', () => {
  it('is chosen by STORAGE=s3, and needs a bucket', () => {
    expect(loadConfig({ STORAGE: 's3', S3_BUCKET: 'b' }).storage).toMatchObject({ kind: 's3', bucket: 'b', region: 'us-east-1', forcePathStyle: true });
    expect(() => loadConfig({ STORAGE: 's3' })).toThrow(/S3_BUCKET/);
    expect(loadConfig({}).storage).toEqual({ kind: 'local' });
  });

  it('stores, reads back, tells it exists, and deletes (twice without error)', async () => {
    const k = key();
    const bytes = Buffer.from('%PDF-1.7 compte rendu');
    expect(await storage.exists(k)).toBe(false);
    await storage.putFile(k, tempFile(bytes));
    expect(await storage.exists(k)).toBe(true);
    expect(await read(await storage.open(k))).toEqual(bytes);
    // Immutable content: a second put of the same key keeps the first bytes.
    await storage.putFile(k, tempFile(Buffer.from('autre chose')));
    expect(await read(await storage.open(k))).toEqual(bytes);
    await storage.remove(k);
    expect(await storage.exists(k)).toBe(false);
    await expect(storage.remove(k)).resolves.toBeUndefined();
  });

  it('rejects a missing object with ENOENT, as the local folder does', async () => {
    await expect(storage.open(key())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('sends its credentials: an unknown key id is refused (s3rver does not verify SigV4 signatures themselves)', async () => {
    const other = (id: string, secret: string) => createFileStorage(loadConfig({ STORAGE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: 'cerise', S3_ACCESS_KEY_ID: id, S3_SECRET_ACCESS_KEY: secret }));
    await expect(other('INCONNU', 'S3RVER').putFile(key(), tempFile(Buffer.from('x')))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    // What s3rver lets through and a real store would refuse (docs/performance.md « Stockage S3 »).
    await expect(other('S3RVER', 'pas-le-bon').putFile(key(), tempFile(Buffer.from('x')))).resolves.toBeUndefined();
  });

  it('refuses a key outside the port alphabet', async () => {
    await expect(storage.open('../etc/passwd')).rejects.toThrow(/invalid storage key/);
  });

  it('streams a large file both ways (40 MB), byte for byte', async () => {
    const k = key();
    const big = crypto.randomBytes(40 * 1024 * 1024);
    const source = tempFile(big);
    await storage.putFile(k, source);
    const stream = await storage.open(k);
    const hash = crypto.createHash('sha256');
    let chunks = 0;
    let largest = 0;
    for await (const c of stream) {
      hash.update(c as Buffer);
      chunks++;
      largest = Math.max(largest, (c as Buffer).byteLength);
    }
    expect(hash.digest('hex')).toBe(crypto.createHash('sha256').update(big).digest('hex'));
    // Came as a stream of pieces, not one buffer.
    expect(chunks).toBeGreaterThan(10);
    expect(largest).toBeLessThan(8 * 1024 * 1024);
    await storage.remove(k);
  });
});
