/**
 * Dashboard benchmark, SQLite on disk: 600 learners in 18 classes, the Bac Pro GA
 * referential, 300 evaluations and about 100,000 results, 3 passport situations per learner
 * with their reviews. Measures, through the use cases the routes call (policy, audit included):
 * one learner's dashboard, a class overview of 35 learners, the CCF table of a class.
 * `npx tsx bench/dashboard.bench.ts` runs it alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../server/src/config/config.ts';
import type { RequestContext } from '../server/src/context.ts';
import { openSqlite } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrations/index.ts';
import type { Deps } from '../server/src/deps.ts';
import { referentialFacts, seedSituation } from '../server/src/modules/dashboard/dashboard.seed.repository.ts';
import { classCcf, classOverview, learnerDashboard } from '../server/src/modules/dashboard/dashboard.usecases.ts';
import { insertEstablishment } from '../server/src/modules/establishments/establishments.repository.ts';
import { newUserRow } from '../server/src/modules/establishments/new-accounts.ts';
import { createLocalFileStorage } from '../server/src/modules/files/local-file-storage.ts';
import { processWorkerPool } from '../server/src/workers/pool.ts';
import { installDefaultReferential } from '../server/src/modules/referentials/referentials.install.ts';
import { insertAccounts } from '../server/src/modules/users/accounts.repository.ts';
import { newId } from '../server/src/util/ids.ts';

export type DashboardFigures = { learnerP95Ms: number; classP95Ms: number; ccfClassP95Ms: number };

const LEARNERS = 600;
const CLASS_SIZE = 35;
const EVALUATIONS = 300;
const YEAR = '2026-2027';
const LEVELS = ['RT', 'RP', 'ECA', 'TE', 'RT', 'RP', 'NE', 'ABS', 'RP', 'RT'] as const;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

async function time(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(i); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    xs.push(performance.now() - t0);
  }
  return Math.round(p95(xs) * 10) / 10;
}

export async function benchDashboard(): Promise<DashboardFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-bench-dashboard-'));
  const handle = openSqlite(path.join(dir, 'cerise.sqlite'));
  const db = handle.db;
  try {
    await migrateToLatest(db);
    const at = '2026-11-28T09:00:00.000Z';
    const estId = newId();
    await insertEstablishment(db, { id: estId, uai: '0869998A', name: 'Lycée du banc d’essai', email: null, settings: '{}', at });
    await installDefaultReferential(db, estId, at);
    const facts = await referentialFacts(db, estId);
    const comps = facts.competencies;

    const teacher = newUserRow({ establishment_id: estId, login: 'bench.teacher', last_name: 'BANC', first_name: 'Prof', source: 'manual', is_teacher: 1 }, at);
    const learners = Array.from({ length: LEARNERS }, (_, i) =>
      newUserRow({ establishment_id: estId, login: `bench.l${i}`, last_name: `NOM${String(i).padStart(3, '0')}`, first_name: 'Élève', source: 'manual', is_learner: 1 }, at),
    );
    await db.transaction().execute(async (tx) => {
      await insertAccounts(tx, [teacher]);
      for (let i = 0; i < learners.length; i += 100) await insertAccounts(tx, learners.slice(i, i + 100));
    });
    const classes: { id: string; learnerIds: string[] }[] = [];
    for (let i = 0; i < LEARNERS; i += CLASS_SIZE) classes.push({ id: newId(), learnerIds: learners.slice(i, i + CLASS_SIZE).map((l) => l.id) });
    await db.transaction().execute(async (tx) => {
      for (const [k, c] of classes.entries()) {
        await tx.insertInto('divisions').values({ id: c.id, establishment_id: estId, school_year: YEAR, code: `C${k}`, label: null, mef: null, hidden_at: null, created_at: at }).execute();
        await tx.insertInto('memberships').values(c.learnerIds.map((learner_id) => ({ id: newId(), establishment_id: estId, school_year: YEAR, learner_id, division_id: c.id, group_id: null }))).execute();
        await tx.insertInto('teachings').values({ id: newId(), establishment_id: estId, school_year: YEAR, teacher_id: teacher.id, division_id: c.id, group_id: null, discipline: 'Gestion' }).execute();
      }
    });

    // 300 evaluations, each for one class and 10 competencies: ~105,000 results.
    let results = 0;
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    await db.transaction().execute(async (tx) => {
      for (let e = 0; e < EVALUATIONS; e++) {
        const cls = classes[e % classes.length]!;
        const evalId = newId();
        const date = new Date(Date.parse('2025-09-01') + e * 2 * 86_400_000).toISOString().slice(0, 10);
        await tx.insertInto('evaluations').values({ id: evalId, establishment_id: estId, author_id: teacher.id, scenario_id: null, title: `Évaluation ${e}`, evaluated_on: date, school_year: date < '2026-08-01' ? '2025-2026' : YEAR, is_visible: 1, created_at: at, updated_at: at, version: 1 }).execute();
        const chosen = Array.from({ length: 10 }, (_, i) => comps[(e * 7 + i * 5) % comps.length]!);
        const ecs = chosen.map((c, i) => ({ id: newId(), establishment_id: estId, evaluation_id: evalId, competency_id: c.id, position: i + 1 }));
        await tx.insertInto('evaluation_competencies').values(ecs).execute();
        const items = ecs.flatMap((ec, i) => facts.complexities.filter((x) => x.competency_id === chosen[i]!.id).slice(0, i % 3).map((x) => ({ id: newId(), establishment_id: estId, owner_id: ec.id, complexity_id: x.id, hazard_id: null })));
        if (items.length > 0) await tx.insertInto('evaluation_items').values(items).execute();
        const rows = cls.learnerIds.flatMap((learner_id) =>
          ecs.map((ec, i) => ({ id: newId(), establishment_id: estId, evaluation_id: evalId, evaluation_competency_id: ec.id, learner_id, competency_id: chosen[i]!.id, level: LEVELS[rnd(LEVELS.length)]!, evaluated_on: date, recorded_at: at, recorded_by: teacher.id, version: 1 })),
        );
        for (let i = 0; i < rows.length; i += 150) await tx.insertInto('results').values(rows.slice(i, i + 150)).execute();
        results += rows.length;
      }
      for (const [i, l] of learners.entries()) {
        for (let s = 0; s < 3; s++) {
          await seedSituation(tx, {
            establishmentId: estId,
            learnerId: l.id,
            competencyId: comps[(i + s * 11) % comps.length]!.id,
            title: `Situation ${s}`,
            occurredOn: '2026-10-01',
            at,
            bepActivityId: facts.bepActivities[(i + s) % facts.bepActivities.length]?.id ?? null,
            complexityIds: facts.complexities.slice(0, s % 2).map((x) => x.id),
            reviews: [{ teacherId: teacher.id, level: (['RT', 'RP', 'ECA'] as const)[s]!, reviewedOn: '2026-10-10' }],
          });
        }
      }
    });
    // As on a server that has been running: the bulk load is checkpointed out of the WAL.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    process.stderr.write(`dashboard bench: ${LEARNERS} learners, ${comps.length} competencies, ${EVALUATIONS} evaluations, ${results} results\n`);

    const deps: Deps = {
      db,
      engine: 'sqlite',
      config: loadConfig({ PUBLIC_URL: 'http://localhost:3000', SEED_DEMO: '0', DATA_DIR: dir }),
      log: pino({ level: 'silent' }),
      now: () => new Date(at),
      files: createLocalFileStorage(path.join(dir, 'attachments')),
      workers: processWorkerPool(),
    };
    const ctx: RequestContext = {
      actor: { sessionId: 's', id: teacher.id, establishmentId: estId, uai: '0869998A', establishmentName: 'Lycée', login: teacher.login, civility: null, lastName: 'BANC', firstName: 'Prof', email: null, birthDate: null, profiles: ['teacher'], mustChangePassword: false },
      establishmentId: estId,
      ip: null,
      at: new Date(at),
    };
    const learnerP95Ms = await time(200, (i) => learnerDashboard(deps, ctx, learners[(i * 37) % LEARNERS]!.id));
    const classP95Ms = await time(60, (i) => classOverview(deps, ctx, classes[i % (classes.length - 1)]!.id));
    const ccfClassP95Ms = await time(60, (i) => classCcf(deps, ctx, classes[i % (classes.length - 1)]!.id));
    return { learnerP95Ms, classP95Ms, ccfClassP95Ms };
  } finally {
    await handle.destroy();
    if (process.env.BENCH_KEEP_DB) process.stderr.write(`kept ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const figures = await benchDashboard();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
