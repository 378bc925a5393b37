import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCerise } from '../../../test/cli.ts';
import { createTestDatabase, testEngine } from '../../../test/harness.ts';
import { generateSiecleFiles, makeSchool } from './synthetic/generate.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/cerise.mjs');
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
const s = makeSchool({ schoolYear: 2026, uai: '0864444N', learners: 3000, siblings: 500, divisions: 40 });
const f = generateSiecleFiles(s);

beforeAll(async () => {
  handle = await createTestDatabase({ onDisk: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-crash-'));
  fs.writeFileSync(path.join(dir, 'sts.xml'), f.sts);
  fs.writeFileSync(path.join(dir, 'eleves.xml'), f.eleves);
  fs.writeFileSync(path.join(dir, 'resp.xml'), f.responsables);
  expect((await runCerise(['establishment', 'create', '--uai', s.uai, '--name', 'Lycée du crash'], handle.env)).code).toBe(0);
  expect((await runCerise(['import', 'teachers', '--uai', s.uai, path.join(dir, 'sts.xml')], handle.env)).code).toBe(0);
}, 120_000);
afterAll(async () => {
  await handle.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const countUsers = async () => Number((await handle.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** True once the import process holds an open write transaction. */
async function importIsWriting(walSizeAtStart: number): Promise<boolean> {
  if (testEngine === 'sqlite') {
    const wal = `${handle.env.DATA_DIR}/cerise.sqlite-wal`;
    return fs.existsSync(wal) && fs.statSync(wal).size > walSizeAtStart;
  }
  const url = new URL(handle.env.DATABASE_URL!);
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${url.pathname.slice(1)} and xact_start is not null and pid <> pg_backend_pid() and query ilike 'insert%'`.execute(handle.db);
  return (r.rows[0]?.n ?? 0) > 0;
}

describe(`crash safety (${testEngine})`, () => {
  it('leaves the database unchanged when an import is killed mid-transaction, and restarts cleanly', async () => {
    const before = await countUsers();
    const wal = `${handle.env.DATA_DIR ?? ''}/cerise.sqlite-wal`;
    const walSize = testEngine === 'sqlite' && fs.existsSync(wal) ? fs.statSync(wal).size : 0;
    const child = spawn(process.execPath, [BIN, 'import', 'learners', '--uai', s.uai, '--eleves', path.join(dir, 'eleves.xml'), '--responsables', path.join(dir, 'resp.xml')], {
      env: { ...process.env, SEED_DEMO: '0', LOG_LEVEL: 'warn', ...handle.env },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let killedWhileWriting = false;
    const deadline = Date.now() + 60_000;
    while (child.exitCode === null && Date.now() < deadline) {
      if (await importIsWriting(walSize)) {
        child.kill('SIGKILL');
        killedWhileWriting = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await exited;
    expect(killedWhileWriting).toBe(true);
    // Nothing of the killed transaction is visible: not one learner, not one parent.
    expect(await countUsers()).toBe(before);
    if (testEngine === 'sqlite') {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db);
      expect(check.rows[0]?.integrity_check).toBe('ok');
    }
    // The application starts again on the same database, and the same import then goes through.
    const again = await runCerise(['import', 'learners', '--uai', s.uai, '--eleves', path.join(dir, 'eleves.xml'), '--responsables', path.join(dir, 'resp.xml'), '--json'], handle.env);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(await countUsers()).toBe(before + report.created.learners + report.created.parents);
    expect(report.created.learners).toBe(3000);
  }, 120_000);
});

