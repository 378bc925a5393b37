import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment } from '../../../test/factories.ts';
import { sendDownload } from '../../http/download.ts';
import { AppError } from '../../http/errors.ts';
import { receiveFiles } from '../../http/upload.ts';
import { SAMPLES } from './files.test-support.ts';
import { openStoredFile, storeUpload } from './files.usecases.ts';

/**
 * The HTTP helpers as a module's routes use them: multipart streamed to temporary files
 * (refused past the limit while streaming), checked and stored, then downloaded as a stream.
 */
let ctx: TestContext;
let app: FastifyInstance;
let est: string;
let tmp: string;
const tempDirs = () => fs.readdirSync(tmp).filter((d) => d.startsWith('cerise-upload-')).sort();

beforeAll(async () => {
  // A private temporary folder (os.tmpdir() reads TMPDIR), so other test files cannot interfere.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-files-http-'));
  process.env.TMPDIR = tmp;
  ctx = await createTestApp();
  est = (await makeEstablishment(ctx.deps)).id;
  app = Fastify();
  await app.register(multipart);
  app.setErrorHandler((e, _req, reply) => {
    if (e instanceof AppError) return reply.code(e.status).send({ error: { code: e.code, message: e.message } });
    return reply.code(500).send({ error: { code: 'internal', message: String(e) } });
  });
  app.post<{ Querystring: { max?: string } }>('/upload', async (request) => {
    const { files, cleanup } = await receiveFiles(request, { maxBytes: request.query.max ? Number(request.query.max) : undefined });
    try {
      return { files: await Promise.all(files.map((f) => storeUpload(ctx.deps, est, f, ['application/pdf', 'application/zip']))) };
    } finally {
      await cleanup();
    }
  });
  app.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const file = await openStoredFile(ctx.deps, est, request.params.id);
    return sendDownload(reply, { filename: 'Compte rendu élève.pdf', mediaType: file.mediaType, body: file.stream, size: file.size });
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function multipartBody(filename: string, bytes: Buffer) {
  const boundary = '----cerise-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe(`upload and download (${testEngine})`, () => {
  it('streams an upload in, stores it, and streams it out as an attachment', async () => {
    const before = tempDirs();
    const res = await app.inject({ method: 'POST', url: '/upload', ...multipartBody('compte-rendu.pdf', SAMPLES.pdf()) });
    expect(res.statusCode, res.body).toBe(200);
    const [stored] = res.json<{ files: { id: string; size: number }[] }>().files;
    expect(tempDirs()).toEqual(before);
    expect(before).toEqual([]);
    const down = await app.inject({ method: 'GET', url: `/files/${stored!.id}` });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload).toEqual(SAMPLES.pdf());
    expect(down.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Compte rendu eleve.pdf"; filename*=UTF-8''Compte%20rendu%20%C3%A9l%C3%A8ve.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'content-length': String(SAMPLES.pdf().byteLength),
    });
  });

  it('refuses a file over the limit while streaming it, and leaves no temporary file', async () => {
    const before = tempDirs();
    const big = Buffer.concat([SAMPLES.pdf(), Buffer.alloc(256 * 1024)]);
    const res = await app.inject({ method: 'POST', url: '/upload?max=65536', ...multipartBody('gros.pdf', big) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'files.too_large', message: '« gros.pdf » dépasse la taille maximale de 64 Ko.' });
    expect(tempDirs()).toEqual(before);
  });

  it('refuses a ZIP bomb sent over HTTP with files.bad_zip', async () => {
    const res = await app.inject({ method: 'POST', url: '/upload', ...multipartBody('bombe.zip', SAMPLES.ratioBomb()) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'files.bad_zip', message: expect.stringContaining('« bombe.zip » est refusé') });
  });
});
