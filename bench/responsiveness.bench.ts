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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../server/src/config/config.ts';
import { openRuntime } from '../server/src/runtime.ts';
import { hashToken } from '../server/src/modules/auth/auth.usecases.ts';
import { insertSession } from '../server/src/modules/auth/auth.repository.ts';
import { generateSiecleFiles, makeSchool } from '../server/src/modules/siecle/synthetic/generate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = process.env.BENCH_CERISE_BIN ?? path.join(root, 'server/bin/cerise.mjs');
const log = (line: string) => process.stderr.write(`${line}\n`);

export type ResponsivenessFigures = { healthP95Ms: number; healthMaxMs: number; learnerPageP95Ms: number; maxWaitMs: number };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function cerise(args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`cerise ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** A scratch PostgreSQL database on the server of BENCH_DATABASE_URL, dropped afterwards. */
async function scratchPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cerise_bench_resp_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (sqlText: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sqlText);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function benchResponsiveness(opts: { learners?: number; letters?: number } = {}): Promise<ResponsivenessFigures> {
  const learners = opts.learners ?? 6000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-resp-'));
  const scratch = process.env.BENCH_DATABASE_URL ? await scratchPostgres(process.env.BENCH_DATABASE_URL) : null;
  const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: scratch?.url ?? '', SEED_DEMO: '0', LOG_LEVEL: 'warn' };
  let server: ChildProcess | undefined;
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
    const runtime = await openRuntime(loadConfig(env as Record<string, string>));
    const cookies: Record<'adminA' | 'adminB' | 'adminC' | 'learnerA', string> = { adminA: '', adminB: '', adminC: '', learnerA: '' };
    let learnerId = '';
    let divisionB = '';
    try {
      const { db } = runtime.deps;
      const estId = async (uai: string) => (await db.selectFrom('establishments').select('id').where('uai', '=', uai).executeTakeFirstOrThrow()).id;
      const [a, b, c] = [await estId(A.uai), await estId(B.uai), await estId(C.uai)];
      const firstWith = (est: string, flag: 'is_administrator' | 'is_learner') =>
        db.selectFrom('users').select(['id']).where('establishment_id', '=', est).where(flag, '=', 1).where('hidden_at', 'is', null).orderBy('login').limit(1).executeTakeFirstOrThrow();
      const now = new Date();
      const session = async (userId: string, est: string) => {
        await db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', userId).execute();
        const token = crypto.randomBytes(32).toString('base64url');
        await insertSession(db, { id: hashToken(token), userId, establishmentId: est, now: now.toISOString(), expiresAt: new Date(now.getTime() + 3600_000).toISOString(), ip: null, userAgent: null });
        return `cerise_sid=${token}`;
      };
      cookies.adminA = await session((await firstWith(a, 'is_administrator')).id, a);
      cookies.adminB = await session((await firstWith(b, 'is_administrator')).id, b);
      cookies.adminC = await session((await firstWith(c, 'is_administrator')).id, c);
      learnerId = (await firstWith(a, 'is_learner')).id;
      cookies.learnerA = await session(learnerId, a);
      divisionB = (await db.selectFrom('divisions').select('id').where('establishment_id', '=', b).executeTakeFirstOrThrow()).id;
    } finally {
      await runtime.close();
    }

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), cli, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
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

    // The measured window.
    let heavy = true;
    const poll = async (url: string, cookie: string) => {
      const latencies: number[] = [];
      while (heavy) {
        const t0 = performance.now();
        await call('GET', url, cookie);
        latencies.push(performance.now() - t0);
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
        await call('POST', `/api/v1/imports/${report.runId}/apply`, cookies.adminC);
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
    server?.kill('SIGTERM');
    if (server && server.exitCode === null) await new Promise((r) => server!.once('exit', r));
    await scratch?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchResponsiveness(), null, 2));
}
