import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { generateSiecleFiles, makeSchool } from './synthetic/generate.ts';

/**
 * On a SQLite file, « Importer » applies an analysed import in the worker pool on the thread's own
 * connection (siecle.apply-task.ts), in one transaction: an import that fails half-way writes
 * nothing and can be applied again; the main thread keeps serving meanwhile.
 */
let ctx: TestContext;
let admin: TestClient;
let est: { id: string; uai: string };
const s = makeSchool({ schoolYear: 2026, uai: '0862222L', learners: 900, siblings: 100, divisions: 30 });
const files = generateSiecleFiles(s);

beforeAll(async () => {
  ctx = await createTestApp({}, { onDisk: true });
  expect(ctx.deps.databaseUrl).toMatch(/^sqlite:.*cerise\.sqlite$/);
  est = await makeEstablishment(ctx.deps, { uai: s.uai, name: 'Lycée du fil de travail' });
  const u = await makeUser(ctx.deps, est.id, { profiles: ['administrator'] });
  admin = new TestClient(ctx.app);
  await admin.login(est.uai, u.login, DEFAULT_PASSWORD);
  const teachers = await analyse('teachers', [{ field: 'teachers', filename: `sts_emp_${s.uai}_2026.xml`, content: files.sts }]);
  expect((await admin.post(`/api/v1/imports/${teachers}/apply`)).statusCode).toBe(200);
}, 120_000);
afterAll(() => ctx.close());

async function analyse(kind: 'teachers' | 'learners', parts: Parameters<typeof multipart>[0]): Promise<string> {
  const res = await admin.request({ method: 'POST', url: `/api/v1/imports/${kind}/analysis`, ...multipart(parts) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ runId: string }>().runId;
}
const learnersParts = [
  { field: 'eleves', filename: 'ElevesSansAdresses.xml', content: files.eleves },
  { field: 'responsables', filename: 'ResponsablesAvecAdresses.xml', content: files.responsables },
];
const counts = async () => {
  const n = async (table: 'users' | 'divisions' | 'memberships' | 'guardians') =>
    Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('establishment_id', '=', est.id).executeTakeFirstOrThrow()).n);
  return { users: await n('users'), divisions: await n('divisions'), memberships: await n('memberships'), guardians: await n('guardians') };
};
const runStatus = async (runId: string) => (await ctx.db.selectFrom('import_runs').select('status').where('id', '=', runId).executeTakeFirstOrThrow()).status;

describe('import apply on its own SQLite connection', () => {
  let runId: string;

  it('writes nothing when the apply fails half-way (after the accounts, at the first parent link)', async () => {
    runId = await analyse('learners', learnersParts);
    const before = await counts();
    await sql`create trigger test_refuse_guardians before insert on guardians begin select raise(abort, 'refused by the test'); end`.execute(ctx.db);
    try {
      const res = await admin.post(`/api/v1/imports/${runId}/apply`);
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('common.worker_failed');
    } finally {
      await sql`drop trigger test_refuse_guardians`.execute(ctx.db);
    }
    expect(await counts()).toEqual(before);
    expect(await runStatus(runId)).toBe('analysed');
  });

  it('applies it whole afterwards, while the main thread keeps answering', async () => {
    const before = await counts();
    let answered = 0;
    const apply = admin.post(`/api/v1/imports/${runId}/apply`);
    const polling = (async () => {
      let done = false;
      void apply.finally(() => (done = true));
      while (!done) {
        if ((await ctx.app.inject({ method: 'GET', url: '/api/health' })).statusCode === 200) answered++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const res = await apply;
    await polling;
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{ created: { learners: number; parents: number } }>();
    const after = await counts();
    expect(after.users).toBe(before.users + report.created.learners + report.created.parents);
    expect(after.memberships).toBeGreaterThan(before.memberships);
    expect(after.guardians).toBeGreaterThan(0);
    expect(await runStatus(runId)).toBe('applied');
    expect(answered).toBeGreaterThan(0);
  });
});
