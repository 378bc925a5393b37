/**
 * Responsiveness under heavy work (docs/performance.md, « Never block the event loop »): the real
 * server on loopback, one process. While, at the same time,
 *  - a 6,000-learner SIECLE import is analysed then applied over HTTP (establishment C, empty),
 *  - a 600-page parent letters PDF is made (establishment B, one class of ~600 parents),
 *  - 20 administrators read the users list at once, each again a second after their answer
 *    (establishment A, ~16,000 accounts),
 * two clients poll `/api/health` and a learner's page (A's learner reading their dashboard), one
 * request after the other. Prints p95 and maximum of their latencies; never asserted.
 * `BENCH_DATABASE_URL` (a PostgreSQL server) runs it on a scratch database of that server.
 * `BENCH_CERISE_BIN` runs another checkout's server/bin/cerise.mjs (the « before » figures).
 * Runs alone: `npx tsx bench/responsiveness.bench.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSiecleFiles, makeSchool } from '../server/src/modules/siecle/synthetic/generate.ts';
import { cerise, log, percentile, scratchDatabase, sessionCookie, startServer, withRuntime, type RunningServer } from './support.ts';

export type ResponsivenessFigures = { healthP95Ms: number; healthMaxMs: number; learnerPageP95Ms: number; maxWaitMs: number };

export async function benchResponsiveness(opts: { learners?: number; letters?: number } = {}): Promise<ResponsivenessFigures> {
  const learners = opts.learners ?? 6000;
  const scratch = await scratchDatabase('resp');
  const { env } = scratch;
  const dir = fs.mkdtempSync(path.join(env.DATA_DIR!, 'files-'));
  let server: RunningServer | undefined;
  try {
    // A: a large establishment (lists, the polled learner). B: one class of ~600 parents. C: empty, gets the import.
    const A = makeSchool({ seed: 7, uai: '0861001A', learners, divisions: Math.ceil(learners / 28), siblings: Math.ceil(learners / 6) });
    const B = makeSchool({ seed: 8, uai: '0861002B', learners: Math.ceil((opts.letters ?? 600) / 1.75), divisions: 1, siblings: 0, departed: 0, inactifs: 0, noClass: 0 });
    const C = makeSchool({ seed: 9, uai: '0861003C', learners, divisions: Math.ceil(learners / 28), siblings: Math.ceil(learners / 6), contacts: Math.ceil(learners / 10) });
    const write = (school: typeof A) => {
      const files = generateSiecleFiles(school, { encoding: 'ISO-8859-15' });
      const at = (name: string) => path.join(dir, `${school.uai}-${name}`);
      fs.writeFileSync(at('sts.xml'), files.sts);
      fs.writeFileSync(at('eleves.xml'), files.eleves);
      fs.writeFileSync(at('responsables.xml'), files.responsables);
      return { sts: at('sts.xml'), eleves: at('eleves.xml'), responsables: at('responsables.xml') };
    };
    const [fa, fb, fc] = [write(A), write(B), write(C)];
    log(`préparation : établissements A (${A.learners.length} élèves), B (une classe de ${B.learners.length} élèves), C (vide, ${C.learners.length} élèves à importer)…`);
    for (const [school, files, withLearners] of [[A, fa, true], [B, fb, true], [C, fc, false]] as const) {
      cerise(['establishment', 'create', '--uai', school.uai, '--name', `Lycée ${school.uai}`], env);
      cerise(['import', 'teachers', '--uai', school.uai, files.sts], env);
      if (withLearners) cerise(['import', 'learners', '--uai', school.uai, '--eleves', files.eleves, '--responsables', files.responsables], env);
    }

    // Sessions straight into the database (no argon2), as the load bench does.
    const { cookies, learnerId, divisionB } = await withRuntime(env, async ({ db }) => {
      const estId = async (uai: string) => (await db.selectFrom('establishments').select('id').where('uai', '=', uai).executeTakeFirstOrThrow()).id;
      const [a, b, c] = [await estId(A.uai), await estId(B.uai), await estId(C.uai)];
      const firstWith = async (est: string, flag: 'is_administrator' | 'is_learner') =>
        (await db.selectFrom('users').select(['id']).where('establishment_id', '=', est).where(flag, '=', 1).where('hidden_at', 'is', null).orderBy('login').limit(1).executeTakeFirstOrThrow()).id;
      const learner = await firstWith(a, 'is_learner');
      return {
        cookies: {
          adminA: await sessionCookie(db, await firstWith(a, 'is_administrator'), a),
          adminB: await sessionCookie(db, await firstWith(b, 'is_administrator'), b),
          adminC: await sessionCookie(db, await firstWith(c, 'is_administrator'), c),
          learnerA: await sessionCookie(db, learner, a),
        },
        learnerId: learner,
        divisionB: (await db.selectFrom('divisions').select('id').where('establishment_id', '=', b).executeTakeFirstOrThrow()).id,
      };
    });

    server = await startServer(env);
    const { base } = server;
    const call = async (method: string, url: string, cookie: string, body?: RequestInit['body'], json = true) => {
      const res = await fetch(`${base}${url}`, { method, headers: { cookie, origin: base, ...(json && body ? { 'content-type': 'application/json' } : {}) }, body });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${bytes.toString('utf8').slice(0, 300)}`);
      return bytes;
    };
    const parents = JSON.parse((await call('GET', `/api/v1/access/divisions/${divisionB}/parents`, cookies.adminB)).toString('utf8')) as { parents: { id: string }[] };
    const parentIds = parents.parents.map((p) => p.id).slice(0, opts.letters ?? 600);
    const learnerPage = `/api/v1/dashboard/learners/${learnerId}`;
    const usersList = '/api/v1/users?pageSize=50';

    // Warm-up: the worker threads and the routes' first calls (a few letters, pages, lists).
    await call('POST', `/api/v1/access/divisions/${divisionB}/parents/letters`, cookies.adminB, JSON.stringify({ parentIds: parentIds.slice(0, 5) }));
    for (let i = 0; i < 5; i++) await Promise.all([call('GET', '/api/health', ''), call('GET', learnerPage, cookies.learnerA), call('GET', usersList, cookies.adminA)]);

    // The measured window. BENCH_VERBOSE=1: when the slow answers came, against the import's steps.
    const verbose = process.env.BENCH_VERBOSE === '1';
    const start = performance.now();
    let heavy = true;
    const poll = async (url: string, cookie: string) => {
      const latencies: number[] = [];
      while (heavy) {
        const t0 = performance.now();
        await call('GET', url, cookie);
        latencies.push(performance.now() - t0);
        if (verbose && performance.now() - t0 > 300) log(`    ${url} : ${(performance.now() - t0).toFixed(0)} ms, de +${((t0 - start) / 1000).toFixed(2)} s`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return latencies.sort((x, y) => x - y);
    };
    const timed = async (label: string, fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      log(`  ${label} : ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    const t0 = performance.now();
    const health = poll('/api/health', '');
    const page = poll(learnerPage, cookies.learnerA);
    let listReads = 0;
    // BENCH_RESPONSIVENESS_ONLY=import,letters,lists: a part of the heavy work alone (to find what holds the server).
    const only = new Set((process.env.BENCH_RESPONSIVENESS_ONLY ?? 'import,letters,lists').split(','));
    const work = Promise.all([
      only.has('import') &&
      timed(`import de ${C.learners.length} élèves (analyse puis application, HTTP)`, async () => {
        const form = new FormData();
        form.append('eleves', new Blob([fs.readFileSync(fc.eleves)]), 'ElevesSansAdresses.xml');
        form.append('responsables', new Blob([fs.readFileSync(fc.responsables)]), 'ResponsablesAvecAdresses.xml');
        const report = JSON.parse((await call('POST', '/api/v1/imports/learners/analysis', cookies.adminC, form, false)).toString('utf8')) as { runId: string };
        if (verbose) log(`    analyse faite à +${((performance.now() - start) / 1000).toFixed(2)} s`);
        await call('POST', `/api/v1/imports/${report.runId}/apply`, cookies.adminC);
        if (verbose) log(`    application faite à +${((performance.now() - start) / 1000).toFixed(2)} s`);
      }),
      only.has('letters') &&
      timed(`lettres aux parents, ${parentIds.length} pages`, async () => {
        const pdf = await call('POST', `/api/v1/access/divisions/${divisionB}/parents/letters`, cookies.adminB, JSON.stringify({ parentIds }));
        if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the letters are not a PDF');
      }),
    ]);
    let working = true;
    void work.finally(() => (working = false));
    // 20 administrators reading the users list at once, each again one second after their answer.
    const lists = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (working && only.has('lists')) {
          await call('GET', usersList, cookies.adminA);
          listReads++;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }),
    );
    await work;
    await lists;
    heavy = false;
    const [h, p] = await Promise.all([health, page]);
    const figures: ResponsivenessFigures = {
      healthP95Ms: Number(percentile(h, 0.95).toFixed(1)),
      healthMaxMs: Number((h.at(-1) ?? 0).toFixed(1)),
      learnerPageP95Ms: Number(percentile(p, 0.95).toFixed(1)),
      maxWaitMs: Number(Math.max(h.at(-1) ?? 0, p.at(-1) ?? 0).toFixed(1)),
    };
    log(
      `réactivité pendant ${((performance.now() - t0) / 1000).toFixed(1)} s de travail lourd (${listReads} listes d'utilisateurs lues par 20 administrateurs) : ` +
        `/api/health p95 ${figures.healthP95Ms} ms, max ${figures.healthMaxMs} ms (${h.length} requêtes) ; ` +
        `page d'un apprenant p95 ${figures.learnerPageP95Ms} ms, max ${(p.at(-1) ?? 0).toFixed(1)} ms (${p.length} requêtes)`,
    );
    return figures;
  } finally {
    await server?.stop();
    await scratch.dispose();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchResponsiveness(), null, 2));
}
