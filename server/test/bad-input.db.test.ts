import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../src/db/database.ts';
import { makeEstablishment, makeUser } from './factories.ts';
import { createTestApp, TEST_ORIGIN, testEngine, type TestContext } from './harness.ts';
import { clientFor } from './sessions.ts';

/** Findings of the security probe on bad input and secrets at rest. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('bad input', () => {
  it('answers 400 in the error shape to a multipart body cut before its closing boundary', async () => {
    const est = await makeEstablishment(ctx.deps);
    const admin = await clientFor(ctx, await makeUser(ctx.deps, est.id, { profiles: ['administrator'] }));
    const boundary = '----cerise-cut';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="teachers"; filename="sts.xml"\r\nContent-Type: text/xml\r\n\r\n<STS_EDT><PARAMETRES>`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports/teachers/analysis',
      headers: { cookie: admin.cookie!, origin: TEST_ORIGIN, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('common.validation');
    expect(res.json().error.message).toMatch(/incomplet|mal formé/);
  });
});

// The SQLite file exists only on that engine (PostgreSQL's files belong to its server).
if (testEngine === 'sqlite') describe('secrets at rest', () => {
  it('creates the SQLite database readable by its owner only, in a private folder', async () => {
    const dir = fs.mkdtempSync(path.join(ctx.config.dataDir, 'perm-'));
    const file = path.join(dir, 'data', 'cerise.sqlite');
    const handle = openSqlite(file);
    try {
      await handle.db.selectFrom('sqlite_master' as never).selectAll().execute();
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    } finally {
      await handle.destroy();
    }
  });
});
