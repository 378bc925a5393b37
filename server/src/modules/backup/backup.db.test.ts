import { withoutSecrets } from './backup.secrets.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, testEngine, type TestContext } from '../../../test/harness.ts';
import { generateSiecleFiles, makeSchool } from '../siecle/synthetic/generate.ts';
import { DURABLE_TABLES, TRANSIENT_TABLES } from '../../db/table-order.ts';
import type { Deps } from '../../deps.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { createEstablishment } from '../establishments/establishments.usecases.ts';
import { importDirect } from '../siecle/siecle.usecases.ts';
import { writeBackup } from './backup.ts';
import { restoreBackup } from './restore.ts';
import { openStoredFile, storeUpload } from '../files/files.usecases.ts';
import { createLocalFileStorage } from '../files/local-file-storage.ts';
import { zipSync } from 'fflate';

let ctx: TestContext;
let dir: string;
beforeAll(async () => {
  ctx = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-backup-'));
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function dump(deps: Pick<Deps, 'db'>) {
  const out: Record<string, unknown[]> = {};
  for (const t of DURABLE_TABLES) out[t] = await deps.db.selectFrom(t).selectAll().orderBy('id').execute();
  return out;
}

describe(`backup and restore (${testEngine})`, () => {
  it('lists every table of the schema as durable or transient', async () => {
    const tables = (await ctx.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('cerise_migrations')).sort();
    expect(tables).toEqual([...DURABLE_TABLES, ...TRANSIENT_TABLES].sort());
  });

  it('round-trips every row and attachment into a fresh data folder', async () => {
    await seedDemo(ctx.deps);
    const s = makeSchool({ schoolYear: 2026, uai: '0863333M', learners: 15, siblings: 2 });
    await createEstablishment(ctx.deps, { uai: s.uai, name: 'Lycée sauvegardé', adminEmail: 'ce@ac-test.fr' });
    const f = generateSiecleFiles(s);
    await importDirect(ctx.deps, s.uai, 'teachers', { teachers: { name: 'sts.xml', bytes: f.sts } }, { dryRun: false });
    await importDirect(ctx.deps, s.uai, 'learners', { eleves: { name: 'e.xml', bytes: f.eleves }, responsables: { name: 'r.xml', bytes: f.responsables } }, { dryRun: false });
    // A real attachment, stored through the files module (row + bytes under its content key).
    const establishmentId = (await ctx.db.selectFrom('establishments').select('id').where('uai', '=', s.uai).executeTakeFirstOrThrow()).id;
    const upload = path.join(dir, 'piece.pdf');
    fs.writeFileSync(upload, '%PDF-1.4 pièce jointe');
    const stored = await storeUpload(ctx.deps, establishmentId, { filename: 'Pièce.pdf', tmpPath: upload, size: fs.statSync(upload).size }, ['application/pdf']);

    const file = path.join(dir, 'sauvegarde.zip');
    const manifest = await writeBackup(ctx.deps, file);
    // Every stored attachment (ours and any the demo seeds), none missing.
    expect(manifest.files).toBe((await ctx.db.selectFrom('files').select('id').execute()).length);
    expect(manifest.files).toBeGreaterThanOrEqual(1);
    expect(manifest.missingFiles).toBeUndefined();
    expect(manifest.tables.users).toBeGreaterThan(40);

    // What a backup leaves out on purpose (docs/security.md): initial passwords of reports, mail secrets.
    const live = await dump(ctx.deps);
    const before = Object.fromEntries(Object.entries(live).map(([t, rows]) => [t, rows.map((r) => withoutSecrets(t, r as object))]));
    expect(JSON.stringify(before.import_runs)).not.toMatch(/"initialPassword\\":\\"[^\\]/);
    const fresh = await createTestDatabase();
    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-restored-'));
    try {
      const files = createLocalFileStorage(path.join(freshDir, 'attachments'));
      const deps = { ...ctx.deps, db: fresh.db, engine: fresh.engine, config: { ...ctx.config, dataDir: freshDir }, files };
      await restoreBackup(deps, file, { replace: false });
      expect(await dump(deps)).toEqual(before);
      const opened = await openStoredFile(deps, establishmentId, stored.id);
      const chunks: Buffer[] = [];
      for await (const c of opened.stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString('utf8')).toBe('%PDF-1.4 pièce jointe');
      const onDisk = path.join(freshDir, 'attachments', establishmentId, stored.sha256.slice(0, 2), stored.sha256);
      expect(fs.statSync(onDisk).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(onDisk)).mode & 0o777).toBe(0o700);
      // A second restore into the now non-empty database is refused, and changes nothing.
      await expect(restoreBackup(deps, file, { replace: false })).rejects.toMatchObject({ code: 'backup.database_not_empty' });
      expect(await dump(deps)).toEqual(before);
      await restoreBackup(deps, file, { replace: true });
      expect(await dump(deps)).toEqual(before);
    } finally {
      await fresh.destroy();
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it('refuses a backup whose attachment does not match its key, or climbs out of the folder', async () => {
    const manifest = { format: 1, app: 'cerise-pro', engine: 'sqlite', createdAt: '', migrations: [], tables: {}, files: 1 };
    const m = new TextEncoder().encode(JSON.stringify(manifest));
    const sha = 'a'.repeat(64);
    for (const [name, code] of [
      [`files/attachments/e1/aa/${sha}`, 'backup.invalid'],
      ['files/attachments/../../etc/passwd', 'backup.invalid'],
      ['files/autre/x', 'backup.invalid'],
    ] as const) {
      const bogus = path.join(dir, 'altered.zip');
      fs.writeFileSync(bogus, zipSync({ 'manifest.json': m, [name]: new TextEncoder().encode('altéré') }));
      await expect(restoreBackup(ctx.deps, bogus, { replace: true })).rejects.toMatchObject({ code });
    }
  });

  it('refuses what is not a backup', async () => {
    const bogus = path.join(dir, 'bogus.zip');
    fs.writeFileSync(bogus, 'pas un zip');
    await expect(restoreBackup(ctx.deps, bogus, { replace: true })).rejects.toMatchObject({ code: 'backup.invalid' });
  });
});
