import crypto from 'node:crypto';
import type { Profile } from '@cerise/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURABLE_TABLES } from '../../src/db/table-order.ts';
import { createTestApp, TEST_ORIGIN, testEngine, type TestContext } from '../harness.ts';
import { ENTRIES, type Entry, type Req } from './entries.ts';
import { buildWorld, PROFILES_UNDER_TEST, type Side, type World } from './world.ts';

/**
 * The authorization matrix: every route × {anonymous, each profile, the same profile
 * in another establishment}, generated from the route table. A new route without an entry in
 * entries.ts fails the first test.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

/** A digest of every row of every durable table: "nothing changed" means not one value changed. */
async function databaseDigest(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of DURABLE_TABLES) {
    const rows = (await ctx.db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
    const lines = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))).sort();
    out[t] = `${rows.length}:${crypto.createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return out;
}

async function send(req: Req, cookie?: string) {
  const headers: Record<string, string> = { origin: TEST_ORIGIN, ...(req.headers ?? {}) };
  if (cookie) headers.cookie = cookie;
  return ctx.app.inject({ ...req, headers });
}

const allowed = (e: Entry): Profile[] => (e.who === 'any' ? PROFILES_UNDER_TEST : e.who === 'public' ? PROFILES_UNDER_TEST : e.who);

describe(`authorization matrix (${testEngine})`, () => {
  it('has an entry for every API route, and no entry for a route that does not exist', () => {
    const routes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`).sort();
    expect(routes).toEqual(Object.keys(ENTRIES).sort());
  });

  for (const [route, entry] of Object.entries(ENTRIES)) {
    it(route, async () => {
      const w: World = await buildWorld(ctx);
      const req = await entry.request(w.A, w, ctx);
      const okStatuses = entry.ok ?? [200];
      if (entry.who === 'public') {
        const res = await send(req);
        expect(okStatuses, `${route} anonymous: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        return;
      }
      // Requests on someone else's object are built first: building one may create that object.
      const notMine = [];
      for (const nm of entry.notMine ?? []) notMine.push({ ...nm, req: await nm.request(w.A, w, ctx) });
      const before = await databaseDigest();
      // Anonymous: 401, whatever the route.
      const anon = await send(req);
      expect(anon.statusCode, `${route} anonymous`).toBe(401);
      expect(anon.json().error.code).toBe('auth.unauthenticated');
      // Profiles the route is not for: 403.
      for (const p of PROFILES_UNDER_TEST.filter((x) => !allowed(entry).includes(x))) {
        const res = await send(req, w.A.clients[p].cookie);
        expect(res.statusCode, `${route} as ${p}: ${res.body.slice(0, 200)}`).toBe(403);
        expect(res.json().error.code).toBe('common.forbidden');
      }
      // The same profile from another establishment, on this establishment's object: 404.
      if (entry.scoped) {
        for (const p of allowed(entry)) {
          const res = await send(req, w.B.clients[p].cookie);
          expect(res.statusCode, `${route} as ${p} of another establishment: ${res.body.slice(0, 200)}`).toBe(404);
        }
      }
      // Someone else's object, same establishment: refused.
      for (const nm of notMine) {
        const client = nm.as in w.A.clients ? w.A.clients[nm.as as Profile] : w.A.extraClients[nm.as as keyof Side['extraClients']];
        const res = await send(nm.req, client.cookie);
        expect(res.statusCode, `${route} as ${nm.as} (${nm.why}): ${res.body.slice(0, 200)}`).toBe(nm.status ?? 404);
      }
      // Nothing changed so far.
      expect(await databaseDigest(), `${route}: a refused request changed the database`).toEqual(before);
      // Each allowed profile of the establishment succeeds (state-changing routes: the first only).
      const doers = req.method === 'GET' ? allowed(entry) : allowed(entry).slice(0, 1);
      for (const p of doers) {
        const res = await send(await entry.request(w.A, w, ctx), w.A.clients[p].cookie);
        expect(okStatuses, `${route} as ${p}: ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      }
    });
  }
});
