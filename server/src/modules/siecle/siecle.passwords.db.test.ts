import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiecleImportReport } from '@cerise/common';
import { createTestApp, type TestContext } from '../../../test/harness.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { writeBackup } from '../backup/backup.ts';
import { makeReadyEstablishment, signedIn } from '../users/users.fixtures.ts';
import { purgeExpiredInitialPasswords } from './siecle.passwords.ts';
import { isPackedReport, unpackReport } from './report-storage.ts';
import { insertRun } from './siecle.runs.repository.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const SECRET = 'Kp7mQ2xZr9';
const zero = { divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 1 };
/** A parent of a large import, besides p.durand: enough of them and the report is stored compressed. */
const other = (i: number) => ({ login: `parent.${i}`, initialPassword: `Zz${String(i).padStart(8, '0')}`, lastName: `NOM${i}`, firstName: 'Prénom' });
const report = (runId: string, others: number): SiecleImportReport => ({
  runId,
  kind: 'learners',
  dryRun: false,
  schoolYear: '2026-2027',
  files: ['ResponsablesAvecAdresses.xml'],
  created: zero,
  updated: { ...zero, parents: 0 },
  hidden: { ...zero, parents: 0 },
  ignored: 0,
  accounts: [{ login: 'p.durand', initialPassword: SECRET, profiles: ['parent'], lastName: 'DURAND', firstName: 'Paule' }, ...Array.from({ length: others }, (_, i) => ({ ...other(i), profiles: ['parent' as const] }))],
  divisionsCreated: [],
  groupsCreated: [],
  people: [
    { kind: 'parent', status: 'created', login: 'p.durand', initialPassword: SECRET, civility: 'Mme', lastName: 'DURAND', firstName: 'Paule', discipline: null, function: null, divisions: [], groups: [], children: [] },
    ...Array.from({ length: others }, (_, i) => ({ kind: 'parent' as const, status: 'created' as const, civility: 'M.', discipline: null, function: null, divisions: [], groups: [], children: [], ...other(i) })),
  ],
  warnings: [],
  mailsQueued: 0,
});

// A small report is stored as JSON; a large one (600 more parents) compressed (report-storage.ts): the same rules hold.
describe.each([
  { stored: 'as JSON', others: 0, packed: false },
  { stored: 'compressed', others: 600, packed: true },
])('initial passwords in import reports stored $stored (docs/security.md)', ({ others, packed }) => {
  it('are shown for 7 days by default, then the report says they expired, the purge drops them, and backups never carry them', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const runId = newId();
    await insertRun(ctx.db, { id: runId, establishmentId: est.id, actorId: null, kind: 'learners', status: 'applied', files: ['r.xml'], report: report(runId, others), at: nowIso(ctx.deps.now()) });
    const written = (await ctx.db.selectFrom('import_runs').select('report').where('id', '=', runId).executeTakeFirstOrThrow()).report!;
    expect(isPackedReport(written)).toBe(packed);
    expect(written.includes(SECRET)).toBe(!packed);

    const fresh = (await client.get(`/api/v1/imports/${runId}`)).json();
    expect(fresh.people[0].initialPassword).toBe(SECRET);
    expect(fresh.people).toHaveLength(others + 1);
    if (others > 0) expect(fresh.accounts[others]).toEqual({ ...other(others - 1), profiles: ['parent'] });
    expect(fresh.initialPasswordsExpired).toBeUndefined();

    // Backups never carry them, even while the report still shows them.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-bk-')), 'b.zip');
    await writeBackup(ctx.deps, file);
    const tables = unzipSync(fs.readFileSync(file));
    const backedUp = strFromU8(tables['tables/import_runs.jsonl']!);
    expect(backedUp).not.toContain(SECRET);
    if (others > 0) expect(backedUp).not.toContain(other(0).initialPassword);
    // A backup carries the report as JSON, compressed in the database or not.
    const backedUpRun = backedUp.trim().split('\n').map((l) => JSON.parse(l) as { id: string; report: string }).find((r) => r.id === runId)!;
    expect(JSON.parse(backedUpRun.report).accounts[0].login).toBe('p.durand');

    expect(await purgeExpiredInitialPasswords(ctx.deps)).toBe(0);
    ctx.advance(7 * 24 * 3600 * 1000);
    const { client: later } = await signedIn(ctx, est); // the first session has long expired
    const json = await later.get(`/api/v1/imports/${runId}`);
    expect(json.body).not.toContain(SECRET);
    expect(json.json().initialPasswordsExpired).toBe(true);
    const csv = await later.get(`/api/v1/imports/${runId}/report.csv`);
    expect(csv.body).not.toContain(SECRET);
    expect(csv.body).toContain('expiré — voir « Accès parents, accès apprenants »');
    const pdf = pdfText((await later.get(`/api/v1/imports/${runId}/report.pdf`)).rawPayload);
    expect(pdf).not.toContain(SECRET);
    expect(pdf.replace(/\s+/g, ' ')).toContain('Mots de passe provisoires expirés');

    expect(await purgeExpiredInitialPasswords(ctx.deps)).toBe(1);
    const stored = await ctx.db.selectFrom('import_runs').select('report').where('id', '=', runId).executeTakeFirstOrThrow();
    expect(isPackedReport(stored.report!)).toBe(packed);
    const purged = await unpackReport(stored.report!);
    expect(purged).not.toContain(SECRET);
    expect(JSON.parse(purged).initialPasswordsExpired).toBe(true);
    expect(JSON.parse(purged).people).toHaveLength(others + 1);
  });
});
