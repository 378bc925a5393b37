/**
 * Load test (docs/performance.md): the real server on loopback, 50 signed-in users for a
 * bounded time. Learners open their dashboard and evaluations; teachers open and save grids —
 * each request chosen by `loadScript` from what the modules serve. Sessions are inserted
 * straight into the database (no argon2 per user), as the tests do.
 *  - The figures (`rps`, `p95Ms`, `errors`, `connections`): the 50 users, each with its own
 *    connection, together asking BENCH_LOAD_RATE requests/s (default 300) at random moments, as
 *    people clicking do (load.paced.ts: why not autocannon's `overallRate`).
 *  - `saturationRps`, `saturationP95Ms`: the same 50 connections with no wait at all, the most the
 *    server answers (and the queue that makes), for transparency.
 * Each figure is the median of BENCH_RUNS runs of 10 s (default 3) after a warm-up.
 * App processes: WEB_CONCURRENCY of the environment, default 2 (one per core of the 2-core reference
 * machine; docs/performance.md « Test de charge »), reported as `processes`.
 * Runs alone: `npx tsx bench/load.bench.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { pacedLoad } from './load.paced.ts';
import { loadScript, type LoadUser } from './load.script.ts';
import { benchRuns, cerise, log, median, percentile, scratchDatabase, sessionCookie, startServer, withRuntime, type RunningServer } from './support.ts';

export type LoadFigures = { rps: number; p95Ms: number; errors: number; connections: number; rate: number; processes: number; saturationRps: number; saturationP95Ms: number };

/** One measured autocannon run: requests/s, p95 of response times, errors (status ≥ 400, timeouts). */
async function measure(base: string, requests: autocannon.Request[], opts: { connections: number; seconds: number }) {
  const latencies: number[] = [];
  let failed = 0;
  const statuses: Record<number, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base, connections: opts.connections, duration: opts.seconds, requests }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      if (statusCode >= 400) {
        failed++;
        statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      }
    });
  });
  if (failed || result.timeouts) log(`  réponses en erreur : ${Object.entries(statuses).map(([code, n]) => `${code} × ${n}`).join(', ') || 'aucune'} ; délais dépassés ${result.timeouts}`);
  latencies.sort((a, b) => a - b);
  // autocannon's `errors` already counts the timeouts.
  return { rps: result.requests.average, p95: percentile(latencies, 0.95), errors: result.errors + Math.max(result.non2xx, failed) };
}

export async function benchLoad(opts: { learners?: number; evaluations?: number; connections?: number; seconds?: number } = {}): Promise<LoadFigures> {
  const connections = opts.connections ?? 50;
  const rate = Number(process.env.BENCH_LOAD_RATE ?? 300);
  const processes = Number(process.env.WEB_CONCURRENCY ?? 2);
  const seconds = opts.seconds ?? 10;
  const uai = '0861111L';
  const scratch = await scratchDatabase('load');
  let server: RunningServer | undefined;
  try {
    log(`seed : ${opts.learners ?? 600} apprenants, ${opts.evaluations ?? 300} évaluations…`);
    cerise(['seed', '--uai', uai, '--learners', String(opts.learners ?? 600), '--evaluations', String(opts.evaluations ?? 300)], scratch.env);

    // Sessions for the users of the load, straight into the database.
    const users: LoadUser[] = await withRuntime(scratch.env, async ({ db }) => {
      const est = await db.selectFrom('establishments').select('id').where('uai', '=', uai).executeTakeFirstOrThrow();
      const pick = (flag: 'is_learner', n: number) =>
        db.selectFrom('users').select(['id', 'establishment_id']).where('establishment_id', '=', est.id).where(flag, '=', 1).where('hidden_at', 'is', null).orderBy('login').limit(n).execute();
      // Teachers who author evaluations (they open and save their grids).
      const authors = await db
        .selectFrom('evaluations as e')
        .innerJoin('users as u', 'u.id', 'e.author_id')
        .select(['u.id', 'u.establishment_id'])
        .distinct()
        .where('e.establishment_id', '=', est.id)
        .orderBy('u.id')
        .limit(10)
        .execute();
      const people = [...(await pick('is_learner', 40)).map((u) => ({ ...u, profile: 'learner' as const })), ...authors.map((u) => ({ ...u, profile: 'teacher' as const }))];
      const out: LoadUser[] = [];
      for (const p of people) out.push({ id: p.id, profile: p.profile, cookie: await sessionCookie(db, p.id, p.establishment_id) });
      return out;
    });

    server = await startServer({ ...scratch.env, WEB_CONCURRENCY: String(processes) });
    const base = server.base;
    const script = await loadScript(base, users);
    // Warm-up, then the measured runs: at the users' rate, then with no wait (saturation). The
    // warm-up is the paced load itself for 10 s: after 2 s of autocannon alone, the first measured
    // run still had the cold server's pauses (p95 281 ms, then 22.5 ms on the next run).
    await autocannon({ url: base, connections: 10, duration: 2, requests: script.requests });
    await pacedLoad(base, script.requests, { connections, seconds: 10, rate });
    const runs = benchRuns();
    const paced = [];
    const saturated = [];
    for (let i = 0; i < runs; i++) {
      const p = await pacedLoad(base, script.requests, { connections, seconds, rate });
      if (p.errors) log(`  réponses en erreur : ${Object.entries(p.statuses).map(([code, n]) => `${code === '0' ? 'sans réponse' : code} × ${n}`).join(', ')}`);
      paced.push({ rps: p.rps, p95: percentile(p.latencies, 0.95), errors: p.errors });
      const q = (x: number) => percentile(p.latencies, x).toFixed(1);
      log(`  au rythme de ${rate} req/s : p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`);
      saturated.push(await measure(base, script.requests, { connections, seconds }));
      log(`  tour ${i + 1} : ${paced[i]!.rps.toFixed(0)} req/s demandées à ${rate}, p95 ${paced[i]!.p95.toFixed(1)} ms, erreurs ${paced[i]!.errors} ; sans attente ${saturated[i]!.rps.toFixed(0)} req/s, p95 ${saturated[i]!.p95.toFixed(1)} ms`);
    }
    const figures: LoadFigures = {
      rps: Math.round(median(paced.map((r) => r.rps))),
      p95Ms: Number(median(paced.map((r) => r.p95)).toFixed(1)),
      errors: Math.max(...paced.map((r) => r.errors), ...saturated.map((r) => r.errors)),
      connections,
      rate,
      processes,
      saturationRps: Math.round(median(saturated.map((r) => r.rps))),
      saturationP95Ms: Number(median(saturated.map((r) => r.p95)).toFixed(1)),
    };
    log(`charge : ${figures.rps} req/s au rythme de ${rate} req/s, p95 ${figures.p95Ms} ms, erreurs ${figures.errors} (${connections} utilisateurs, ${processes} processus, ${script.description}) ; saturation ${figures.saturationRps} req/s, p95 ${figures.saturationP95Ms} ms`);
    return figures;
  } finally {
    await server?.stop();
    await scratch.dispose();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchLoad(), null, 2));
}
