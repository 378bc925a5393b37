/**
 * What the benchmarks share: scratch databases (a folder for SQLite, a database of the
 * BENCH_DATABASE_URL server for PostgreSQL), the real server started on loopback, medians.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/src/config/config.ts';
import type { Database } from '../server/src/db/schema.ts';
import { insertSession } from '../server/src/modules/auth/auth.repository.ts';
import { hashToken } from '../server/src/modules/auth/auth.usecases.ts';
import { openRuntime } from '../server/src/runtime.ts';
import { withServeEnv } from '../server/bin/serve-env.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cli = process.env.BENCH_CERISE_BIN ?? path.join(root, 'server/bin/cerise.mjs');
export const log = (line: string) => process.stderr.write(`${line}\n`);

/** How many measured runs each figure is the median of (after one warm-up run). */
export const benchRuns = (fallback = 3) => Math.max(1, Number(process.env.BENCH_RUNS ?? fallback));

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export type Scratch = { env: Record<string, string>; dispose: () => Promise<void> };

/**
 * An empty database for one run: a temporary DATA_DIR (SQLite), or with BENCH_DATABASE_URL a
 * new database on that PostgreSQL server (dropped afterwards); DATA_DIR is always a fresh folder.
 */
export async function scratchDatabase(label: string): Promise<Scratch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cerise-bench-${label}-`));
  const base = { DATA_DIR: dir, SEED_DEMO: '0', LOG_LEVEL: 'warn' };
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { env: { ...base, DATABASE_URL: '' }, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  const name = `cerise_bench_${label.replace(/\W/g, '_')}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (sqlText: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sqlText);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    env: { ...base, DATABASE_URL: u.toString() },
    dispose: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `cerise …` to its end; throws with its stderr when it fails. */
export function cerise(args: string[], env: Record<string, string>): string {
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`cerise ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

export type RunningServer = { base: string; process: ChildProcess; stop: () => Promise<void> };

/**
 * `cerise serve` on a free loopback port, once `/api/health` answers. BENCH_SERVER_NODE_ARGS
 * (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the server's node; BENCH_SERVER_STDERR=1
 * copies its stderr to the bench's (with CERISE_SLOW_SQL_MS: the slow statements).
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // As `npm start` runs it: with the memory settings of server/bin/serve-env.mjs.
  const child = spawn(process.execPath, [...nodeArgs, cli, 'serve'], { env: withServeEnv({ ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base }), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (process.env.BENCH_SERVER_STDERR === '1') process.stderr.write(d);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`server did not start:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, process: child, stop };
}

/**
 * Builds server/dist as `npm install` would, then has every `cerise` the benchmarks start use it
 * even if a source changes during the run (CERISE_BUNDLE=1): they measure what was built. When
 * it cannot be built, the commands run from the sources, and the note says so.
 */
export function ensureBundle(): string {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-server.mjs')], { encoding: 'utf8' });
  const built = r.status === 0 && fs.existsSync(path.join(root, 'server/dist/cerise.mjs'));
  log(built ? r.stdout.trim() : `bundle non construit : ${r.stderr}`);
  if (!built) return 'server/dist could not be built: the commands ran from the TypeScript sources (tsx)';
  process.env.CERISE_BUNDLE = '1';
  return 'commands ran from the server/dist bundle built at the start of the run';
}

/**
 * A session for `userId`, written straight into the database (no argon2 per user, as the tests
 * do), with the password already chosen: its cookie.
 */
export async function sessionCookie(db: Kysely<Database>, userId: string, establishmentId: string): Promise<string> {
  await db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', userId).execute();
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date();
  await insertSession(db, { id: hashToken(token), userId, establishmentId, now: now.toISOString(), expiresAt: new Date(now.getTime() + 3600_000).toISOString(), ip: null, userAgent: null });
  return `cerise_sid=${token}`;
}

/** The runtime (database and services) of a scratch environment, for seeding; closed after `fn`. */
export async function withRuntime<T>(env: Record<string, string>, fn: (deps: Awaited<ReturnType<typeof openRuntime>>['deps']) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig({ ...process.env, ...env } as Record<string, string>));
  try {
    return await fn(runtime.deps);
  } finally {
    await runtime.close();
  }
}
