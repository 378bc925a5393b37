import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { loadConfig } from '../../config/config.ts';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { newId } from '../../util/ids.ts';
import { createLocalFileStorage } from '../files/local-file-storage.ts';
import { processWorkerPool } from '../../workers/pool.ts';
import { createEvaluation } from './evaluations.usecases.ts';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'evaluations.crash-child.ts');
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let deps: Deps;
beforeAll(async () => {
  handle = await createTestDatabase({ onDisk: true });
  deps = { db: handle.db, engine: handle.engine, config: loadConfig({ SEED_DEMO: '0' }), log: pino({ level: 'silent' }), now: () => new Date('2026-11-28T09:00:00Z'), files: createLocalFileStorage('/tmp/cerise-crash-files'), workers: processWorkerPool() };
});
afterAll(() => handle.destroy());

/** A 35 × 12 evaluation of a teacher of the class. */
async function bigEvaluation() {
  const est = await makeEstablishment(deps, { withReferential: true });
  const teacher = await makeUser(deps, est.id, { profiles: ['teacher'] });
  const division = newId();
  await handle.db.insertInto('divisions').values({ id: division, establishment_id: est.id, school_year: '2026-2027', code: '1GA1', label: null, mef: null, hidden_at: null, created_at: '2026-09-01' }).execute();
  await handle.db.insertInto('teachings').values({ id: newId(), establishment_id: est.id, school_year: '2026-2027', teacher_id: teacher.id, division_id: division, group_id: null, discipline: null }).execute();
  const learnerIds = [];
  for (let i = 0; i < 35; i++) {
    const l = await makeUser(deps, est.id, { profiles: ['learner'], password: null });
    await handle.db.insertInto('memberships').values({ id: newId(), establishment_id: est.id, school_year: '2026-2027', learner_id: l.id, division_id: division, group_id: null }).execute();
    learnerIds.push(l.id);
  }
  const competencies = await handle.db.selectFrom('competencies').select('id').where('establishment_id', '=', est.id).orderBy('code').limit(12).execute();
  const ctx = {
    actor: { sessionId: 's', id: teacher.id, establishmentId: est.id, uai: est.uai, establishmentName: 'Lycée', login: teacher.login, civility: null, lastName: 'X', firstName: 'Y', email: null, birthDate: null, profiles: ['teacher'], mustChangePassword: false },
    establishmentId: est.id,
    ip: null,
    at: deps.now(),
  } as unknown as RequestContext;
  const e = await createEvaluation(deps, ctx, { title: 'Crash', evaluatedOn: '2026-11-20', isVisible: false, competencies: competencies.map((c) => ({ competencyId: c.id, complexityIds: [], hazardIds: [] })), learnerIds, coauthorIds: [] });
  return { evaluationId: e.id, ctx };
}

describe(`results saves killed by SIGKILL (${testEngine})`, () => {
  it('leaves the grid as it was before a save or fully saved, never half', async () => {
    const { evaluationId, ctx } = await bigEvaluation();
    for (let attempt = 0; attempt < 3; attempt++) {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ evaluationId, ctx })], { env: { ...process.env, ...handle.env }, stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Kill it a little after a few rounds have started: most of the time inside a save.
      await new Promise<void>((resolve) => {
        let rounds = 0;
        child.stdout!.on('data', (d: Buffer) => {
          rounds += d.toString().split('\n').filter(Boolean).length;
          if (rounds >= 3 + attempt) setTimeout(() => resolve(), 5 + attempt * 7);
        });
      });
      child.kill('SIGKILL');
      await exited;
      const rows = await handle.db.selectFrom('results').select(['level']).where('evaluation_id', '=', evaluationId).execute();
      expect(rows).toHaveLength(420);
      expect(new Set(rows.map((r) => r.level)).size, `attempt ${attempt}: a half-saved grid`).toBe(1);
    }
  }, 120_000);
});
