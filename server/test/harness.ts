import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config/config.ts';
import { openDatabase, openSqlite, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrations/index.ts';
import type { Deps } from '../src/deps.ts';
import { createLocalFileStorage } from '../src/modules/files/local-file-storage.ts';
import { processWorkerPool } from '../src/workers/pool.ts';

export const TEST_ORIGIN = 'http://localhost:3000';

/** `pg` when the suite runs with `npm run test:pg`. */
export const testEngine = process.env.CERISE_TEST_ENGINE === 'pg' ? 'postgres' : 'sqlite';
const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, migrated database: in-memory SQLite, or a new PostgreSQL database dropped on close. */
export async function createTestDatabase(opts: { onDisk?: boolean } = {}): Promise<DatabaseHandle & { env: Record<string, string> }> {
  if (testEngine === 'sqlite') {
    const dir = opts.onDisk ? fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-test-')) : undefined;
    const handle = openSqlite(dir ? path.join(dir, 'cerise.sqlite') : ':memory:');
    await migrateToLatest(handle.db);
    return {
      ...handle,
      env: dir ? { DATA_DIR: dir, DATABASE_URL: '' } : {},
      destroy: async () => {
        await handle.destroy();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `cerise_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), dataDir: '/nonexistent' });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    env: { DATABASE_URL: url.toString() },
    destroy: async () => {
      await handle.destroy();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type TestContext = {
  app: FastifyInstance;
  deps: Deps;
  db: DatabaseHandle['db'];
  config: Config;
  /** Moves the frozen clock forward. */
  advance: (ms: number) => void;
  close: () => Promise<void>;
};

/**
 * The app on a fresh database. `onDisk`: SQLite in a file rather than in memory, as a server runs
 * (work that uses its own connection to the file — siecle.apply-task.ts — then runs as in production).
 */
export async function createTestApp(overrides: Partial<Config> = {}, opts: { onDisk?: boolean } = {}): Promise<TestContext> {
  const handle = await createTestDatabase({ onDisk: opts.onDisk });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-data-'));
  const config: Config = { ...loadConfig({ PUBLIC_URL: TEST_ORIGIN, SEED_DEMO: '0', DATA_DIR: dataDir }), ...overrides };
  let clock = Date.parse('2026-11-28T09:00:00.000Z');
  const deps: Deps = {
    db: handle.db,
    engine: handle.engine,
    config,
    log: pino({ level: 'silent' }),
    now: () => new Date(clock),
    files: createLocalFileStorage(path.join(dataDir, 'attachments')),
    workers: processWorkerPool(),
    databaseUrl: handle.engine === 'postgres' ? handle.env.DATABASE_URL : handle.sqlitePath && handle.sqlitePath !== ':memory:' ? `sqlite:${handle.sqlitePath}` : undefined,
  };
  const app = await createApp(deps, { webDist: '/nonexistent' });
  await app.ready();
  return {
    app,
    deps,
    db: handle.db,
    config,
    advance: (ms) => {
      clock += ms;
    },
    close: async () => {
      await app.close();
      await deps.workers.close();
      await handle.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A client that keeps the session cookie and sends the Origin header, like a browser. */
export class TestClient {
  cookie: string | undefined;
  constructor(readonly app: FastifyInstance) {}

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { origin: TEST_ORIGIN, ...(opts.headers as Record<string, string> | undefined) };
    if (this.cookie) headers.cookie = this.cookie;
    const res = await this.app.inject({ ...opts, headers });
    const set = res.cookies.find((c) => c.name === 'cerise_sid');
    if (set) this.cookie = set.value ? `cerise_sid=${set.value}` : undefined;
    return res;
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  put(url: string, payload?: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
  async login(uai: string, login: string, password: string) {
    const res = await this.post('/api/v1/auth/login', { uai, login, password });
    if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
    return res.json();
  }
}
