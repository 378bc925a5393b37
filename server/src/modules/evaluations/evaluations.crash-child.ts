/**
 * Child process of evaluations.crash.db.test.ts: saves the whole grid of an evaluation again and
 * again, every cell to one level per round (RT, then TE, then RT…), until it is killed.
 * Argument: a JSON {evaluationId, ctx}; the database comes from DATABASE_URL or DATA_DIR.
 */
import pino from 'pino';
import { loadConfig } from '../../config/config.ts';
import type { RequestContext } from '../../context.ts';
import { openDatabase } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { createLocalFileStorage } from '../files/local-file-storage.ts';
import { processWorkerPool } from '../../workers/pool.ts';
import { saveResults } from './evaluations.results.usecases.ts';
import { getEvaluation } from './evaluations.usecases.ts';

const { evaluationId, ctx } = JSON.parse(process.argv[2]!) as { evaluationId: string; ctx: RequestContext };
const handle = openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? '.' });
const deps: Deps = {
  db: handle.db,
  engine: handle.engine,
  config: loadConfig({ SEED_DEMO: '0', DATA_DIR: process.env.DATA_DIR ?? '/tmp' }),
  log: pino({ level: 'silent' }),
  now: () => new Date(),
  files: createLocalFileStorage('/tmp/cerise-crash-child'),
  workers: processWorkerPool(),
};
ctx.at = new Date(ctx.at);
for (let round = 0; ; round++) {
  const e = await getEvaluation(deps, ctx, evaluationId);
  const version = new Map(e.results.map((r) => [`${r.learnerId}/${r.evaluationCompetencyId}`, r.version]));
  const level = round % 2 === 0 ? 'RT' : 'TE';
  const cells = e.learners.flatMap((l) => e.competencies.map((c) => ({ learnerId: l.id, evaluationCompetencyId: c.id, level, baseVersion: version.get(`${l.id}/${c.id}`) ?? null }) as const));
  process.stdout.write(`round ${round}\n`);
  await saveResults(deps, ctx, evaluationId, cells);
}
