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
    const attachment = path.join(ctx.config.dataDir, 'attachments', 'ab', 'abcdef.pdf');
    fs.mkdirSync(path.dirname(attachment), { recursive: true });
    fs.writeFileSync(attachment, '%PDF-1.4 pièce jointe');

    const file = path.join(dir, 'sauvegarde.zip');
    const manifest = await writeBackup(ctx.deps, file);
    expect(manifest.files).toBe(1);
    expect(manifest.tables.users).toBeGreaterThan(40);

    const before = await dump(ctx.deps);
    const fresh = await createTestDatabase();
    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-restored-'));
    try {
      const deps = { ...ctx.deps, db: fresh.db, engine: fresh.engine, config: { ...ctx.config, dataDir: freshDir } };
      await restoreBackup(deps, file, { replace: false });
      expect(await dump(deps)).toEqual(before);
      expect(fs.readFileSync(path.join(freshDir, 'attachments', 'ab', 'abcdef.pdf'), 'utf8')).toBe('%PDF-1.4 pièce jointe');
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

  it('refuses what is not a backup', async () => {
    const bogus = path.join(dir, 'bogus.zip');
    fs.writeFileSync(bogus, 'pas un zip');
    await expect(restoreBackup(ctx.deps, bogus, { replace: true })).rejects.toMatchObject({ code: 'backup.invalid' });
  });
});
