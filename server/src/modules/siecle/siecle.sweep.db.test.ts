import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment } from '../../../test/factories.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { insertRun } from './siecle.runs.repository.ts';
import { sweepImportFiles } from './siecle.sweep.ts';
import type { SiecleImportReport } from '@cerise/common';

let ctx: TestContext;
let estId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  estId = (await makeEstablishment(ctx.deps)).id;
});
afterAll(() => ctx.close());

const counts = { divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 };
const report = { created: counts, updated: counts, hidden: counts } as unknown as SiecleImportReport;

/** A kept upload folder, as an analysis leaves it (a parent's address inside). */
function leaveFiles(runId: string, ageMs = 0): string {
  const dir = path.join(ctx.config.dataDir, 'imports', runId);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'responsables'), '<ADRESSE>12 rue des Lilas</ADRESSE>');
  const t = new Date(Date.now() - ageMs);
  fs.utimesSync(dir, t, t);
  return dir;
}

async function run(status: 'analysed' | 'applied', ageMs: number): Promise<string> {
  const id = newId();
  await insertRun(ctx.db, { id, establishmentId: estId, actorId: null, kind: 'learners', status, files: ['x.xml'], report, at: nowIso(new Date(ctx.deps.now().getTime() - ageMs)) });
  return id;
}

describe('leftover SIECLE uploads (docs/security.md)', () => {
  it('deletes the files of applied and cancelled imports and of expired analyses, keeps those still awaiting confirmation', async () => {
    const hour = 3600 * 1000;
    const applied = leaveFiles(await run('applied', 0)); // kill -9 between the commit and the clean-up
    const cancelled = leaveFiles(newId(), 3 * hour); // row gone, folder left
    const expiredId = await run('analysed', 3 * hour);
    const expired = leaveFiles(expiredId);
    const pending = leaveFiles(await run('analysed', 10 * 60 * 1000));
    const beingWritten = leaveFiles(newId()); // an analysis writes its files just before its row

    expect(await sweepImportFiles(ctx.deps)).toBe(3);
    expect(fs.existsSync(applied)).toBe(false);
    expect(fs.existsSync(cancelled)).toBe(false);
    expect(fs.existsSync(expired)).toBe(false);
    expect(fs.existsSync(pending)).toBe(true);
    expect(fs.existsSync(beingWritten)).toBe(true);
    expect(await ctx.db.selectFrom('import_runs').select('id').where('id', '=', expiredId).executeTakeFirst()).toBeUndefined();
  });
});
