import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, testEngine, type TestClient, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { signedIn } from '../users/users.fixtures.ts';
import { uploadBudget } from '../../http/upload-budget.ts';
import { loadConfig } from '../../config/config.ts';
import { generateSiecleFiles, makeSchool } from './synthetic/generate.ts';
import { ANALYSIS_TTL_MS } from './siecle.usecases.ts';
import { startImportSweeper } from './siecle.sweep.ts';

/**
 * The budget of uploads and analyses over HTTP (docs/performance.md « Ressources bornées »): 503
 * past the server's budget, 429 past an establishment's own, Retry-After and a French message each
 * time; expired analyses free their disk without anyone opening the import list.
 */
const KB = 1024;
let ctx: TestContext;
let admin: TestClient;
let other: TestClient;
let est: { id: string; uai: string };
const school = makeSchool({ schoolYear: 2026, uai: '0862222B', learners: 12 });
const files = generateSiecleFiles(school);
const teachersBody = () => multipart([{ field: 'teachers', filename: `sts_emp_${school.uai}_2026.xml`, content: files.sts }]);
const bodySize = teachersBody().payload.byteLength;
const analyse = (client: TestClient) => client.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...teachersBody() });
const keptFolders = () => (fs.existsSync(path.join(ctx.config.dataDir, 'imports')) ? fs.readdirSync(path.join(ctx.config.dataDir, 'imports')) : []);

beforeAll(async () => {
  const base = loadConfig({}).uploads;
  // Room for one analysis of this school per establishment, three bodies in flight, one analysis at a time.
  ctx = await createTestApp({ uploads: { ...base, maxDiskPerEstablishment: Math.round(bodySize * 1.5), maxBytesInFlight: bodySize * 3 + 10 * KB, maxAnalyses: 1, queueWaitMs: 200, sweepEveryMs: 20 } });
  est = await makeEstablishment(ctx.deps, { uai: school.uai });
  admin = (await signedIn(ctx, est)).client;
  other = (await signedIn(ctx, await makeEstablishment(ctx.deps))).client;
});
afterAll(() => ctx.close());

function expectBusy(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.json()).toMatchObject({ error: { code, message: expect.stringMatching(/réessayez dans un instant/) } });
}

describe(`upload and analysis budget (${testEngine})`, () => {
  it('streams the files to disk, analyses them and keeps them for the confirmation, inside the budget', async () => {
    const res = await analyse(admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(keptFolders()).toEqual([res.json<{ runId: string }>().runId]);
    expect(uploadBudget(ctx.config).usage()).toEqual({ bytesInFlight: 0, analysesRunning: 0, analysesWaiting: 0 });
  });

  it("answers 429 past the establishment's own disk (its kept analysis counts), while another establishment goes on", async () => {
    expectBusy(await analyse(admin), 429, 'files.establishment_busy');
    const res = await analyse(other);
    expect(res.statusCode).not.toBe(429);
    expect(res.statusCode).not.toBe(503);
  });

  it('answers 503 past the bytes in flight of the whole server, before reading the body', async () => {
    const budget = uploadBudget(ctx.config);
    const held = ['x', 'y', 'z'].map((e) => budget.reserve(e, bodySize, 0));
    try {
      expectBusy(await analyse(other), 503, 'files.server_busy');
    } finally {
      for (const release of held) release();
    }
  });

  it('answers 503 when no analysis slot frees within the wait, and leaves no temporary file', async () => {
    const slot = await uploadBudget(ctx.config).analysisSlot();
    try {
      expectBusy(await analyse(other), 503, 'files.server_busy');
    } finally {
      slot();
    }
    expect(uploadBudget(ctx.config).usage()).toEqual({ bytesInFlight: 0, analysesRunning: 0, analysesWaiting: 0 });
  });

  it('an expired analysis frees its files on a timer, without anyone opening the import list, and the establishment may upload again', async () => {
    const before = keptFolders().length;
    expect(before).toBeGreaterThan(0);
    ctx.advance(ANALYSIS_TTL_MS + 60_000);
    const stop = startImportSweeper(ctx.deps);
    try {
      await vi.waitFor(() => expect(keptFolders()).toEqual([]), { timeout: 5000, interval: 20 });
    } finally {
      stop();
    }
    expect(await ctx.db.selectFrom('import_runs').select('id').where('status', '=', 'analysed').execute()).toEqual([]);
    admin = (await signedIn(ctx, est)).client; // the sessions expired too
    const res = await analyse(admin);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('an expired analysis is also swept when the next upload comes (at analysis time)', async () => {
    ctx.advance(ANALYSIS_TTL_MS + 60_000);
    admin = (await signedIn(ctx, est)).client;
    const res = await analyse(admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(keptFolders()).toEqual([res.json<{ runId: string }>().runId]);
  });
});
