/**
 * National scale on PostgreSQL, step 2: one learner's dashboard through the real use case (the one
 * `GET /api/v1/dashboard/learners/:id` calls: access check, evidence, CCF aid, audit), for learners
 * drawn at random among the 180,000 of the database seeded by seed.ts; prints the p50/p95/max, then
 * EXPLAIN (ANALYZE, BUFFERS) of every query one dashboard runs.
 *
 *   SCALE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/cerise_scale npx tsx bench/scale-pg/measure.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../../server/src/config/config.ts';
import type { RequestContext } from '../../server/src/context.ts';
import type { Database } from '../../server/src/db/schema.ts';
import type { Deps } from '../../server/src/deps.ts';
import { learnerDashboard } from '../../server/src/modules/dashboard/dashboard.usecases.ts';
import { createLocalFileStorage } from '../../server/src/modules/files/local-file-storage.ts';
import { processWorkerPool } from '../../server/src/workers/pool.ts';
import { SCALE_URL } from './seed.ts';

const AT = '2026-11-28T09:00:00.000Z';
const RUNS = Number(process.env.SCALE_RUNS ?? 300);
const log = (line: string) => process.stderr.write(`${line}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]!;

export async function measureScale(url = SCALE_URL) {
  let capture: CompiledQuery[] | null = null;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (capture && event.level === 'query') capture.push(event.query);
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-scale-'));
  try {
    const counts = (await sql<{ learners: number; results: number; establishments: number }>`
      select (select count(*) from users where is_learner = 1)::int as learners,
             (select reltuples::bigint from pg_class where relname = 'results')::bigint as results,
             (select count(*) from establishments)::int as establishments`.execute(db)).rows[0]!;
    log(`base : ${counts.establishments} établissements, ${counts.learners} apprenants, ~${counts.results} résultats`);
    const deps: Deps = {
      db,
      engine: 'postgres',
      config: loadConfig({ PUBLIC_URL: 'http://localhost:3000', SEED_DEMO: '0', DATA_DIR: dir }),
      log: pino({ level: 'silent' }),
      now: () => new Date(AT),
      files: createLocalFileStorage(path.join(dir, 'attachments')),
      workers: processWorkerPool(),
    };
    const learners = await db
      .selectFrom('users')
      .innerJoin('establishments', 'establishments.id', 'users.establishment_id')
      .select(['users.id', 'users.establishment_id', 'users.login', 'users.last_name', 'users.first_name', 'establishments.uai', 'establishments.name'])
      .where('users.is_learner', '=', 1)
      .orderBy(sql`random()`)
      .limit(RUNS + 20)
      .execute();
    const ctxOf = (l: (typeof learners)[number]): RequestContext => ({
      actor: { sessionId: 's', id: l.id, establishmentId: l.establishment_id, uai: l.uai, establishmentName: l.name, login: l.login, civility: null, lastName: l.last_name, firstName: l.first_name, email: null, birthDate: null, profiles: ['learner'], mustChangePassword: false },
      establishmentId: l.establishment_id,
      ip: null,
      at: new Date(AT),
    });
    // The queries of one dashboard, and their plans: the first view of an establishment (its referential's structure is then read and cached).
    capture = [];
    await learnerDashboard(deps, ctxOf(learners[0]!), learners[0]!.id);
    const queries = capture as CompiledQuery[];
    capture = null;
    // Warm-up (connections), on learners not measured.
    for (const l of learners.slice(1, 20)) await learnerDashboard(deps, ctxOf(l), l.id);
    const pass = async (list: typeof learners) => {
      const times: number[] = [];
      for (const l of list) {
        const t0 = performance.now();
        await learnerDashboard(deps, ctxOf(l), l.id);
        times.push(performance.now() - t0);
      }
      return { runs: times.length, p50Ms: Math.round(pct(times, 0.5) * 10) / 10, p95Ms: Math.round(pct(times, 0.95) * 10) / 10, maxMs: Math.round(Math.max(...times) * 10) / 10 };
    };
    const measured = learners.slice(20);
    // First pass: most learners are the first of their establishment to be seen (structure read);
    // second pass, the same learners in another order: the steady state of a running server.
    const first = await pass(measured);
    log(`1er passage (structure du référentiel lue pour la plupart) : p50 ${first.p50Ms} ms, p95 ${first.p95Ms} ms, max ${first.maxMs} ms (${first.runs} apprenants tirés au hasard)`);
    const figures = await pass([...measured].reverse());
    log(`2e passage (régime établi) : p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, max ${figures.maxMs} ms`);
    const plans: string[] = [];
    for (const q of queries) {
      if (!/^\s*select/i.test(q.sql)) {
        plans.push(`-- ${q.sql.slice(0, 200)}\n(écriture, non expliquée)`);
        continue;
      }
      const res = await pool.query(`explain (analyze, buffers, costs off) ${q.sql}`, q.parameters as unknown[]);
      plans.push(`-- ${q.sql}\n${res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
    }
    return { counts, figures: { ...figures, firstPassP95Ms: first.p95Ms }, plans };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { counts, figures, plans } = await measureScale();
  process.stdout.write(`${JSON.stringify({ ...counts, ...figures })}\n\n${plans.join('\n\n')}\n`);
}
