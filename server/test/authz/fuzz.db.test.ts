import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURABLE_TABLES } from '../../src/db/table-order.ts';
import { createTestApp, TEST_ORIGIN, testEngine, type TestContext } from '../harness.ts';
import { ENTRIES, type Req } from './entries.ts';
import { buildWorld, PROFILES_UNDER_TEST } from './world.ts';

/**
 * Hostile input on every route: wrong types, huge strings, NUL bytes, SQL and HTML
 * fragments, bad ids — in the body, the path and the query. Never a 5xx; a 4xx has the error
 * shape and changes nothing.
 */
const HOSTILE: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  [],
  {},
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x'.repeat(100_000),
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '😀\uFFFF\uD800',
  { $gt: '' },
  ['a', 1, null],
];
const BAD_IDS = ['x', '0', '-1', "'+OR+1=1--", '%00', '..%2F..%2Fetc', 'a'.repeat(300), '00000000-0000-4000-8000-000000000000', '%F0%9F%98%80', 'null'];
const BAD_QUERY = ['?page=-1&pageSize=99999999', '?search=%00%27%22%3Cscript%3E', '?version=abc', '?dryRun=peut-etre', '?search=' + 'a'.repeat(5000), '?page[]=1&page[x]=2'];

let ctx: TestContext;
let inputs = 0;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx.close();
  console.log(`fuzz (${testEngine}): ${inputs} hostile requests on ${Object.keys(ENTRIES).length} routes`);
});

async function rowCounts(): Promise<string> {
  const out: number[] = [];
  for (const t of DURABLE_TABLES) out.push(Number((await ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
  return out.join(',');
}

function variants(req: Req): Req[] {
  const out: Req[] = [];
  const isJson = req.payload !== undefined && !Buffer.isBuffer(req.payload) && typeof req.payload === 'object';
  if (isJson) {
    const body = req.payload as Record<string, unknown>;
    for (const key of Object.keys(body)) for (const v of HOSTILE) out.push({ ...req, payload: { ...body, [key]: v } });
    out.push({ ...req, payload: { ...body, unexpected: '<b>champ inconnu</b>' } });
  }
  if (req.method !== 'GET' && req.method !== 'DELETE') {
    for (const raw of ['{', '[]', 'null', '"texte"', '{"a":' + '['.repeat(2000) + ']'.repeat(2000) + '}', '\u0000']) {
      out.push({ method: req.method, url: req.url, headers: { 'content-type': 'application/json' }, payload: raw });
    }
    out.push({ method: req.method, url: req.url, headers: { 'content-type': 'application/xml' }, payload: '<x/>' });
  }
  // Path segments that look like ids.
  const [path = '', query = ''] = req.url.split('?');
  const segments = path.split('/');
  segments.forEach((seg, i) => {
    if (!/^[0-9a-f-]{36}$/.test(seg) && !/^\d{7}[A-Z]$/.test(seg)) return;
    for (const bad of BAD_IDS) {
      const copy = [...segments];
      copy[i] = bad;
      out.push({ ...req, url: copy.join('/') + (query ? `?${query}` : '') });
    }
  });
  for (const q of BAD_QUERY) out.push({ ...req, url: path + q });
  return out;
}

describe(`hostile input on every route (${testEngine})`, () => {
  for (const [route, entry] of Object.entries(ENTRIES)) {
    it(route, async () => {
      const w = await buildWorld(ctx);
      const actor = entry.who === 'public' || entry.who === 'any' ? 'teacher' : entry.who[0]!;
      const cookie = PROFILES_UNDER_TEST.includes(actor) ? w.A.clients[actor].cookie : undefined;
      const base = await entry.request(w.A, w, ctx);
      for (const req of variants(base)) {
        const before = await rowCounts();
        const headers: Record<string, string> = { origin: TEST_ORIGIN, ...(req.headers ?? {}) };
        if (cookie && entry.who !== 'public') headers.cookie = cookie;
        const res = await ctx.app.inject({ ...req, headers });
        inputs++;
        const label = `${route} ${req.url.slice(0, 120)} ${typeof req.payload === 'string' ? req.payload.slice(0, 60) : JSON.stringify(req.payload ?? null).slice(0, 120)}`;
        expect(res.statusCode, `${label} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.json().error?.code, label).toBeTypeOf('string');
          expect(res.json().error?.message, label).toBeTypeOf('string');
          if (route !== 'POST /api/v1/auth/login') expect(await rowCounts(), `${label}: a refused request changed the database`).toBe(before);
        }
      }
    }, 120_000);
  }

  it('survives random JSON bodies on the login route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        inputs++;
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
