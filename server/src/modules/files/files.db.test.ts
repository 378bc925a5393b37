import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { newId, nowIso } from '../../util/ids.ts';
import type { AttachmentMediaType } from '../../db/tables/teaching.ts';
import { MAX_ATTACHMENT_BYTES } from './file-check.ts';
import { attachmentKey } from './file-storage.ts';
import { SAMPLES, tempUpload } from './files.test-support.ts';
import { collectUnusedFiles, openStoredFile, storeUpload } from './files.usecases.ts';

let ctx: TestContext;
let est: string;
const ALL: AttachmentMediaType[] = ['application/pdf', 'application/zip', 'image/jpeg', 'image/png'];
const store = (filename: string, bytes: Buffer, accept = ALL) => storeUpload(ctx.deps, est, tempUpload(filename, bytes), accept);
const onDisk = (sha256: string) => path.join(ctx.config.dataDir, 'attachments', ...attachmentKey(est, sha256).split('/'));
const read = async (stream: AsyncIterable<unknown>) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

beforeAll(async () => {
  ctx = await createTestApp();
  est = (await makeEstablishment(ctx.deps)).id;
});
afterAll(() => ctx.close());

describe(`attachments storage (${testEngine})`, () => {
  it.each([
    ['Compte rendu.pdf', SAMPLES.pdf, 'application/pdf'],
    ['Travaux élève.zip', SAMPLES.zip, 'application/zip'],
    ['photo.JPG', SAMPLES.jpeg, 'image/jpeg'],
    ['schéma.png', SAMPLES.png, 'image/png'],
  ] as const)('keeps a good file (%s), named by its hash, 0600 in 0700 folders, and gives it back', async (name, make, type) => {
    const bytes = make();
    const stored = await store(name, bytes);
    expect(stored).toMatchObject({ mediaType: type, size: bytes.byteLength });
    const file = onDisk(stored.sha256);
    expect(path.basename(file)).toBe(stored.sha256);
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    for (let dir = path.dirname(file); dir !== ctx.config.dataDir; dir = path.dirname(dir)) expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    // No user-chosen name reaches the disk.
    expect(fs.readdirSync(path.dirname(file)).some((f) => f.includes('.'))).toBe(false);
    const opened = await openStoredFile(ctx.deps, est, stored.id);
    expect(opened).toMatchObject({ size: bytes.byteLength, mediaType: type });
    expect(await read(opened.stream)).toEqual(bytes);
  });

  it.each([
    ['a PDF renamed .zip', 'devoir.zip', SAMPLES.pdf, 'files.extension_mismatch', /en réalité un fichier PDF/],
    ['an ELF program renamed .pdf', 'sujet.pdf', SAMPLES.elf, 'files.unsupported_type', /est un programme/],
    ['a Windows program renamed .pdf', 'sujet.pdf', SAMPLES.mz, 'files.unsupported_type', /est un programme/],
    ['a ZIP bomb (ratio)', 'bombe.zip', SAMPLES.ratioBomb, 'files.bad_zip', /bombe ZIP/],
    ['a ZIP whose headers lie', 'piège.zip', SAMPLES.lyingBomb, 'files.bad_zip', /plus de données/],
    ['a ZIP declaring 200 MB', 'gros.zip', SAMPLES.hugeDeclared, 'files.bad_zip', /taille maximale/],
    ['an encrypted ZIP', 'secret.zip', SAMPLES.encrypted, 'files.bad_zip', /chiffré/],
    ['a corrupted ZIP', 'abîmé.zip', SAMPLES.badCrc, 'files.bad_zip', /CRC/],
    ['an empty file', 'vide.pdf', () => Buffer.alloc(0), 'files.empty', /vide/],
    ['a file over the limit', 'énorme.pdf', () => Buffer.concat([SAMPLES.pdf(), Buffer.alloc(MAX_ATTACHMENT_BYTES)]), 'files.too_large', /10 Mo/],
  ])('refuses %s, with a French message, and keeps nothing', async (_, name, make, code, message) => {
    const rows = await ctx.db.selectFrom('files').select('id').execute();
    const err = await store(name, make()).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code, message: expect.stringMatching(message) });
    expect((err as Error).message).toContain(`« ${name} »`);
    expect(await ctx.db.selectFrom('files').select('id').execute()).toEqual(rows);
  });

  it('refuses a type the caller does not accept', async () => {
    await expect(store('photo.png', SAMPLES.png(), ['application/pdf', 'application/zip'])).rejects.toMatchObject({
      code: 'files.unsupported_type',
      message: expect.stringContaining('(PDF, ZIP)'),
    });
  });

  it('stores identical content once (dedup by hash), whatever its name', async () => {
    const bytes = Buffer.from('%PDF-1.7 même contenu');
    const a = await store('a.pdf', bytes);
    const b = await store('b.pdf', bytes);
    expect(b.id).toBe(a.id);
    expect(await ctx.db.selectFrom('files').select('id').where('sha256', '=', a.sha256).execute()).toHaveLength(1);
    // The same bytes in another establishment are another file.
    const other = (await makeEstablishment(ctx.deps)).id;
    const c = await storeUpload(ctx.deps, other, tempUpload('a.pdf', bytes), ALL);
    expect(c.id).not.toBe(a.id);
    await expect(openStoredFile(ctx.deps, other, a.id)).rejects.toMatchObject({ status: 404, code: 'files.not_found' });
  });

  it('collects the files no attachment points to (rows, then bytes), and keeps the others', async () => {
    const used = await store('utilisé.pdf', Buffer.from('%PDF-1.4 utilisé'));
    const unused = await store('oublié.pdf', Buffer.from('%PDF-1.4 oublié'));
    const author = await makeUser(ctx.deps, est, { profiles: ['teacher'] });
    const at = nowIso(ctx.deps.now());
    const scenarioId = newId();
    await ctx.db
      .insertInto('scenarios')
      .values({ id: scenarioId, establishment_id: est, author_id: author.id, title: 'Accueil', is_private: 0, level: null, context: '', materials: '', links: '[]', resources: '', created_at: at, updated_at: at, version: 1 })
      .execute();
    await ctx.db.insertInto('scenario_attachments').values({ id: newId(), establishment_id: est, scenario_id: scenarioId, file_id: used.id, filename: 'utilisé.pdf', created_at: at }).execute();

    const { removeBytes } = await ctx.db.transaction().execute((tx) => collectUnusedFiles(tx, est, [used.id, unused.id]));
    expect(fs.existsSync(onDisk(unused.sha256))).toBe(true); // bytes stay until the commit is done
    await removeBytes(ctx.deps);
    expect((await ctx.db.selectFrom('files').select('id').where('id', 'in', [used.id, unused.id]).execute()).map((r) => r.id)).toEqual([used.id]);
    expect(fs.existsSync(onDisk(unused.sha256))).toBe(false);
    expect(fs.existsSync(onDisk(used.sha256))).toBe(true);
    await expect(openStoredFile(ctx.deps, est, unused.id)).rejects.toMatchObject({ code: 'files.not_found' });
  });

  it('puts the bytes back when a known file is uploaded again after they went missing', async () => {
    const bytes = Buffer.from('%PDF-1.4 disparu');
    const a = await store('d.pdf', bytes);
    fs.rmSync(onDisk(a.sha256));
    await expect(openStoredFile(ctx.deps, est, a.id)).rejects.toMatchObject({ code: 'files.not_found' });
    await store('d.pdf', bytes);
    expect(await read((await openStoredFile(ctx.deps, est, a.id)).stream)).toEqual(bytes);
  });
});

describe(`an establishment's room for attachments (${testEngine})`, () => {
  it('refuses, 507 with a French message, a file that would take it past its limit; identical files count once; room comes back when files go', async () => {
    // A limit of 1 MB (ATTACHMENTS_MAX_MB_PER_ESTABLISHMENT=1), for a new establishment.
    const room = { ...ctx.deps, config: { ...ctx.deps.config, attachments: { maxBytesPerEstablishment: 1024 * 1024 } } };
    const school = (await makeEstablishment(ctx.deps)).id;
    const pdf = (label: string, bytes: number) => Buffer.concat([Buffer.from(`%PDF-1.4 ${label}\n`), Buffer.alloc(bytes)]);
    const put = (name: string, bytes: Buffer) => storeUpload(room, school, tempUpload(name, bytes), ALL);
    const first = await put('premier.pdf', pdf('premier', 600 * 1024));
    // The same content again takes no room: stored once.
    expect((await put('copie du premier.pdf', pdf('premier', 600 * 1024))).id).toBe(first.id);

    const err = await put('second.pdf', pdf('second', 500 * 1024)).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 507, code: 'files.establishment_full' });
    expect((err as Error).message).toMatch(/^L'espace des pièces jointes de l'établissement est plein \(600 Ko utilisés sur 1 Mo\) : « second\.pdf » \(500 Ko\) n'a pas été enregistré\./);
    // Nothing kept: no row, no bytes; other establishments are not concerned.
    expect((await ctx.db.selectFrom('files').select('sha256').where('establishment_id', '=', school).execute()).map((r) => r.sha256)).toEqual([first.sha256]);
    const secondSha = crypto.createHash('sha256').update(pdf('second', 500 * 1024)).digest('hex');
    expect(fs.existsSync(path.join(ctx.config.dataDir, 'attachments', ...attachmentKey(school, secondSha).split('/')))).toBe(false);
    await expect(storeUpload(ctx.deps, est, tempUpload('second.pdf', pdf('second', 500 * 1024)), ALL)).resolves.toMatchObject({ size: expect.any(Number) });

    // The first file no longer used: collected, and the room is back.
    const { removeBytes } = await ctx.db.transaction().execute((tx) => collectUnusedFiles(tx, school, [first.id]));
    await removeBytes(ctx.deps);
    await expect(put('second.pdf', pdf('second', 500 * 1024))).resolves.toMatchObject({ mediaType: 'application/pdf' });
  });
});

describe(`storing inside a caller's transaction (${testEngine})`, () => {
  it('adds the row in that transaction (the demo seed, a restore): kept when it commits, gone when it rolls back', async () => {
    const school = (await makeEstablishment(ctx.deps)).id;
    const pdf = (label: string) => Buffer.from(`%PDF-1.4 ${label}\n`);
    const rows = () => ctx.db.selectFrom('files').select('size').where('establishment_id', '=', school).execute();

    const kept = await ctx.db.transaction().execute((tx) => storeUpload({ ...ctx.deps, db: tx }, school, tempUpload('gardé.pdf', pdf('gardé')), ALL));
    expect(kept.mediaType).toBe('application/pdf');
    expect(await rows()).toHaveLength(1);

    const failure = await ctx.db
      .transaction()
      .execute(async (tx) => {
        await storeUpload({ ...ctx.deps, db: tx }, school, tempUpload('annulé.pdf', pdf('annulé')), ALL);
        throw new Error('rolled back');
      })
      .catch((e: unknown) => e);
    expect((failure as Error).message).toBe('rolled back');
    expect(await rows()).toHaveLength(1);
  });
});
