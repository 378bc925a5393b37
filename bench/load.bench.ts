/**
 * Load test (performance issue): the real server on loopback, SQLite, one process, 50 concurrent
 * signed-in users for a bounded time. Learners open their dashboard and evaluations; teachers
 * open and save grids — each request chosen by `loadScript` from what the modules serve.
 * Sessions are inserted straight into the database (no argon2 per user), as the tests do.
 * Runs alone: `npx tsx bench/load.bench.ts`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../server/src/config/config.ts';
import { openRuntime } from '../server/src/runtime.ts';
import { hashToken } from '../server/src/modules/auth/auth.usecases.ts';
import { insertSession } from '../server/src/modules/auth/auth.repository.ts';
import { loadScript, type LoadUser } from './load.script.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server/bin/cerise.mjs');
const log = (line: string) => process.stderr.write(`${line}\n`);

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

export type LoadFigures = { rps: number; p95Ms: number; errors: number; connections: number };

export async function benchLoad(opts: { learners?: number; evaluations?: number; connections?: number; seconds?: number } = {}): Promise<LoadFigures> {
  const connections = opts.connections ?? 50;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-load-'));
  const uai = '0861111L';
  const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '', SEED_DEMO: '0', LOG_LEVEL: 'warn' };
  let server: ChildProcess | undefined;
  try {
    log(`seed : ${opts.learners ?? 600} apprenants, ${opts.evaluations ?? 300} évaluations…`);
    const seed = spawnSync(process.execPath, [cli, 'seed', '--uai', uai, '--learners', String(opts.learners ?? 600), '--evaluations', String(opts.evaluations ?? 300)], { env, encoding: 'utf8' });
    if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);

    // Sessions for the users of the load, straight into the database.
    const runtime = await openRuntime(loadConfig(env as Record<string, string>));
    const users: LoadUser[] = [];
    try {
      const { db } = runtime.deps;
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
      const now = new Date();
      for (const p of people) {
        await db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', p.id).execute();
        const token = crypto.randomBytes(32).toString('base64url');
        await insertSession(db, {
          id: hashToken(token),
          userId: p.id,
          establishmentId: p.establishment_id,
          now: now.toISOString(),
          expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
          ip: null,
          userAgent: null,
        });
        users.push({ id: p.id, profile: p.profile, cookie: `cerise_sid=${token}` });
      }
    } finally {
      await runtime.close();
    }

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [cli, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not yet listening
      }
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const script = await loadScript(base, users);
    // Warm-up, then the measured run.
    await autocannon({ url: base, connections: 10, duration: 2, requests: script.requests });
    const latencies: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: base, connections, duration: opts.seconds ?? 10, requests: script.requests }, (err, res) => (err ? reject(err) : resolve(res)));
      instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
        latencies.push(responseTime);
        if (statusCode >= 400) script.errors.push(statusCode);
      });
    });
    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
    const errors = result.errors + result.timeouts + result.non2xx;
    if (script.errors.length > 0) {
      const byStatus = Object.entries(script.errors.reduce<Record<number, number>>((acc, code) => ({ ...acc, [code]: (acc[code] ?? 0) + 1 }), {}));
      log(`réponses en erreur par statut : ${byStatus.map(([code, n]) => `${code} × ${n}`).join(', ')}`);
    }
    log(`charge : ${result.requests.average.toFixed(0)} req/s, p95 ${p95.toFixed(1)} ms, erreurs ${errors} (${connections} connexions, ${script.description})`);
    return { rps: Math.round(result.requests.average), p95Ms: Number(p95.toFixed(1)), errors, connections };
  } finally {
    server?.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchLoad(), null, 2));
}
