import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    /** PostgreSQL URL the server uses (E2E_DATABASE_URL, an empty database), or '' for SQLite in dataDir. */
    databaseUrl: string;
  }
}

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

/** Whether the build is missing or older than any source of the web application or of common/. */
function isStale(indexHtml: string): boolean {
  if (!fs.existsSync(indexHtml)) return true;
  const built = fs.statSync(indexHtml).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name !== 'node_modules' && newer(p);
      return fs.statSync(p).mtimeMs > built;
    });
  return ['web/src', 'web/index.html', 'common/src'].some((rel) => {
    const p = path.join(root, rel);
    return fs.existsSync(p) && (fs.statSync(p).isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built);
  });
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;

/** Builds the web application (if needed), starts the real server with the demo, and tears it down. */
export async function setup(project: TestProject) {
  // The web build the server serves: web/dist, or CERISE_WEB_DIST (so that parallel runs do not share one).
  const webDist = process.env.CERISE_WEB_DIST ? path.resolve(process.env.CERISE_WEB_DIST) : path.join(root, 'web/dist');
  if (process.env.E2E_REBUILD === '1' || isStale(path.join(webDist, 'index.html'))) {
    const build = spawnSync('npm', ['run', 'build', '-w', 'web', '--', '--outDir', webDist, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('web build failed');
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-e2e-'));
  // E2E_DATABASE_URL runs the journeys on PostgreSQL (an empty database); SQLite in dataDir otherwise.
  const databaseUrl = process.env.E2E_DATABASE_URL ?? '';
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(root, 'server/bin/cerise.mjs'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PUBLIC_URL: baseUrl, SEED_DEMO: '1', SMTP_URL: '', LOG_LEVEL: 'warn', CERISE_WEB_DIST: webDist },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);
  project.provide('databaseUrl', databaseUrl);
}

export async function teardown() {
  server?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
