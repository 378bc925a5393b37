import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_UAI } from '../src/modules/demo/demo.seed.ts';
import { SAMPLES } from '../src/modules/files/files.test-support.ts';
import { createTestDatabase, testEngine } from './harness.ts';

/**
 * Two app processes behind one port (WEB_CONCURRENCY=2, node:cluster; docs/performance.md
 * « Plusieurs processus »), on the test's engine, attachments in an S3-compatible store (s3rver on
 * loopback): one session is honoured by both processes, and a file stored through one is read
 * through the other. Each request opens its own connection, so the primary hands them out in turn.
 */
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/cerise.mjs');
const PORT = 43231;
const base = `http://127.0.0.1:${PORT}`;
let dir: string;
let dataDir: string;
let s3: S3rver;
let server: ChildProcess;
let stderr = '';
let destroyDb: () => Promise<void>;

type Answer = { status: number; process: string | undefined; headers: http.IncomingHttpHeaders; body: Buffer };
function request(method: string, url: string, opts: { cookie?: string; json?: unknown; body?: Buffer; contentType?: string } = {}): Promise<Answer> {
  const payload = opts.json !== undefined ? Buffer.from(JSON.stringify(opts.json)) : opts.body;
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, {
      method,
      agent: false, // a new connection each time
      headers: {
        origin: base,
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(payload ? { 'content-type': opts.contentType ?? 'application/json', 'content-length': String(payload.byteLength) } : {}),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, process: res.headers['x-cerise-process'] as string | undefined, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.end(payload);
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-cluster-'));
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dir, 's3'), configureBuckets: [{ name: 'cerise-cluster' }] });
  const { port } = await s3.run();
  const db = await createTestDatabase({ onDisk: true });
  destroyDb = db.destroy;
  dataDir = db.env.DATA_DIR ?? path.join(dir, 'data');
  const env = {
    ...process.env,
    DATABASE_URL: '',
    ...db.env,
    DATA_DIR: dataDir,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    SEED_DEMO: '1',
    LOG_LEVEL: 'warn',
    WEB_CONCURRENCY: '2',
    STORAGE: 's3',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_BUCKET: 'cerise-cluster',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  server = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 150_000;
  // Both processes are up when two answers came from two different ones.
  const seen = new Set<string>();
  while (seen.size < 2) {
    const res = await request('GET', '/api/health').catch(() => null);
    if (res?.status === 200 && res.process) seen.add(res.process);
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the cluster did not start:\n${stderr}`);
    if (seen.size < 2) await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  await s3?.close();
  await destroyDb?.();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe(`two app processes behind one port (${testEngine}, S3 storage)`, () => {
  it('honours one session in both processes, and serves an attachment stored through one from the other', async () => {
    const login = await request('POST', '/api/v1/auth/login', { json: { uai: DEMO_UAI, login: 'demo.enseignant', password: DEMO_PASSWORD } });
    expect(login.status, login.body.toString()).toBe(200);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^cerise_sid=/);

    const me = await Promise.all(Array.from({ length: 8 }, () => request('GET', '/api/v1/auth/me', { cookie })));
    expect(me.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(me.map((r) => JSON.parse(r.body.toString()).login as string))).toEqual(new Set(['demo.enseignant']));
    expect(new Set(me.map((r) => r.process)).size).toBe(2);

    const created = await request('POST', '/api/v1/scenarios', { cookie, json: { title: 'Accueil téléphonique (deux processus)', context: '', materials: '', resources: '' } });
    expect(created.status, created.body.toString()).toBe(201);
    const scenarioId = JSON.parse(created.body.toString()).id as string;
    const pdf = Buffer.concat([SAMPLES.pdf(), Buffer.from(crypto.randomBytes(64).toString('hex'))]);
    const boundary = '----cerise-cluster';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="consigne.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const stored = await request('POST', `/api/v1/scenarios/${scenarioId}/attachments`, { cookie, body, contentType: `multipart/form-data; boundary=${boundary}` });
    expect(stored.status, stored.body.toString()).toBe(201);
    const attachmentId = (JSON.parse(stored.body.toString()) as { attachments: { id: string }[] }).attachments[0]!.id;
    // Nothing under DATA_DIR/attachments: the bytes are in the bucket.
    expect(fs.existsSync(path.join(dataDir, 'attachments'))).toBe(false);

    const reads = await Promise.all(Array.from({ length: 6 }, () => request('GET', `/api/v1/scenarios/${scenarioId}/attachments/${attachmentId}`, { cookie })));
    expect(reads.map((r) => r.status)).toEqual(Array(6).fill(200));
    for (const r of reads) expect(r.body).toEqual(pdf);
    expect(new Set(reads.map((r) => r.process)).size).toBe(2);
  }, 60_000);
});
