import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferentialListResponse, ReferentialTree } from '@cerise/common';
import { makeEstablishment } from '../../../test/factories.ts';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { competencyByCode, getTree, schoolWithAdmin, signIn, type Establishment } from './referentials.test-support.ts';

/** Every route: success, invalid input, unauthenticated, wrong profile, other establishment. */

let ctx: TestContext;
let est: Establishment;
let admin: TestClient;
let teacher: TestClient;
let noProfile: TestClient;
let outsider: TestClient;
let referentialId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  ({ est, admin, referentialId } = await schoolWithAdmin(ctx));
  teacher = await signIn(ctx, est, ['teacher']);
  noProfile = await signIn(ctx, est, []);
  const other = await makeEstablishment(ctx.deps, { withReferential: true });
  outsider = await signIn(ctx, other, ['administrator']);
});
afterAll(async () => {
  await ctx?.close();
});

/** Fresh ids and versions before each call (successful edits move them). */
async function state() {
  const tree = await getTree(admin, referentialId);
  const k = competencyByCode(tree, 'C111');
  const exported: unknown = (await admin.get(`/api/v1/referentials/${referentialId}/export`)).json();
  return { tree, r: referentialId, k, exported };
}
type State = Awaited<ReturnType<typeof state>>;

type RouteCase = {
  name: string;
  who: 'read' | 'edit';
  request: (s: State) => InjectOptions;
  status: number;
  /** A request with bad input (400), when the route takes any. */
  invalid?: (s: State) => InjectOptions;
};

const LONG_ID = 'x'.repeat(65);
const json = (method: InjectOptions['method'], url: string, payload?: unknown): InjectOptions => ({
  method,
  url,
  ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
});
const base = (s: State) => `/api/v1/referentials/${s.r}`;
const item = (s: State, list: string) => `${base(s)}/competencies/${s.k.id}/${list}`;

const ROUTES: RouteCase[] = [
  { name: 'GET /referentials', who: 'read', request: () => json('GET', '/api/v1/referentials'), status: 200 },
  {
    name: 'GET /referentials/:id/tree',
    who: 'read',
    request: (s) => json('GET', `${base(s)}/tree`),
    status: 200,
    invalid: () => json('GET', `/api/v1/referentials/${LONG_ID}/tree`),
  },
  {
    name: 'GET /referentials/:id/competencies/:competencyId',
    who: 'read',
    request: (s) => json('GET', `${base(s)}/competencies/${s.k.id}`),
    status: 200,
    invalid: (s) => json('GET', `${base(s)}/competencies/${LONG_ID}`),
  },
  {
    name: 'PATCH /referentials/:id/competencies/:competencyId',
    who: 'edit',
    request: (s) => json('PATCH', `${base(s)}/competencies/${s.k.id}`, { toComplete: !s.k.toComplete, version: s.k.version }),
    status: 200,
    invalid: (s) => json('PATCH', `${base(s)}/competencies/${s.k.id}`, { toComplete: 'oui', version: s.k.version }),
  },
  ...(['complexities', 'hazards'] as const).flatMap((list): RouteCase[] => [
    {
      name: `POST /referentials/:id/competencies/:competencyId/${list}`,
      who: 'edit',
      request: (s) => json('POST', item(s, list), { label: `Nouveau ${Math.random()}`, version: s.k.version }),
      status: 201,
      invalid: (s) => json('POST', item(s, list), { label: '   ', version: s.k.version }),
    },
    {
      name: `PUT /referentials/:id/competencies/:competencyId/${list}/order`,
      who: 'edit',
      request: (s) => json('PUT', `${item(s, list)}/order`, { ids: [...s.k[list]].reverse().map((i) => i.id), version: s.k.version }),
      status: 200,
      invalid: (s) => json('PUT', `${item(s, list)}/order`, { ids: 'tous', version: s.k.version }),
    },
    {
      name: `PATCH /referentials/:id/competencies/:competencyId/${list}/:itemId`,
      who: 'edit',
      request: (s) => json('PATCH', `${item(s, list)}/${s.k[list][0]!.id}`, { label: `Renommé ${Math.random()}`, version: s.k.version }),
      status: 200,
      invalid: (s) => json('PATCH', `${item(s, list)}/${s.k[list][0]!.id}`, { label: 'x'.repeat(501), version: s.k.version }),
    },
    {
      name: `DELETE /referentials/:id/competencies/:competencyId/${list}/:itemId`,
      who: 'edit',
      request: (s) => json('DELETE', `${item(s, list)}/${s.k[list].at(-1)!.id}?version=${s.k.version}`),
      status: 200,
      invalid: (s) => json('DELETE', `${item(s, list)}/${s.k[list].at(-1)!.id}?version=dernière`),
    },
  ]),
  {
    name: 'GET /referentials/:id/export',
    who: 'edit',
    request: (s) => json('GET', `${base(s)}/export`),
    status: 200,
    invalid: () => json('GET', `/api/v1/referentials/${LONG_ID}/export`),
  },
  {
    name: 'POST /referentials/import',
    who: 'edit',
    request: (s) => ({
      method: 'POST',
      url: '/api/v1/referentials/import?dryRun=true',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(s.exported),
    }),
    status: 200,
    invalid: () => ({ method: 'POST', url: '/api/v1/referentials/import?dryRun=peut-être', headers: { 'content-type': 'application/json' }, payload: '{}' }),
  },
];

function expectError(res: { statusCode: number; body: string; json: () => unknown }, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code) expect(body.error.code).toBe(code);
}

describe.each(ROUTES)('$name', (route) => {
  it('succeeds for an allowed user', async () => {
    const res = await admin.request(route.request(await state()));
    expect(res.statusCode, res.body).toBe(route.status);
  });

  // Routes without input to get wrong (the list) have no such case: no skipped test.
  if (route.invalid) it('refuses invalid input with 400 {error:{code,message}}', async () => {
    const res = await admin.request(route.invalid!(await state()));
    expectError(res, 400);
  });

  it('needs a session (401)', async () => {
    const res = await new TestClient(ctx.app).request(route.request(await state()));
    expectError(res, 401, 'auth.unauthenticated');
  });

  it('refuses a wrong profile (403)', async () => {
    const client = route.who === 'edit' ? teacher : noProfile;
    const res = await client.request(route.request(await state()));
    expectError(res, 403, 'common.forbidden');
  });

  // The list and the import name no referential: they only ever see the user's own establishment.
  if (!['GET /referentials', 'POST /referentials/import'].includes(route.name)) it("answers 404 on another establishment's referential", async () => {
    const res = await outsider.request(route.request(await state()));
    expectError(res, 404);
  });
});

describe('read access', () => {
  it('is open to teachers, learners and parents of the establishment', async () => {
    for (const profile of ['teacher', 'learner', 'parent'] as const) {
      const client = await signIn(ctx, est, [profile]);
      expect((await client.get(`/api/v1/referentials/${referentialId}/tree`)).statusCode).toBe(200);
    }
  });

  it("lists only the establishment's own referentials", async () => {
    const mine = (await admin.get('/api/v1/referentials')).json<ReferentialListResponse>();
    const theirs = (await outsider.get('/api/v1/referentials')).json<ReferentialListResponse>();
    expect(mine.referentials.map((r) => r.id)).toEqual([referentialId]);
    expect(theirs.referentials).toHaveLength(1);
    expect(theirs.referentials[0]!.id).not.toBe(referentialId);
    expect(mine.referentials[0]).toMatchObject({ code: 'BACPRO-GA', counts: { competencies: 55, situations: 55 } });
  });

  it('finds no competency of another referential through this one', async () => {
    const theirs = (await outsider.get('/api/v1/referentials')).json<ReferentialListResponse>();
    const theirTree = await getTree(outsider, theirs.referentials[0]!.id);
    const res = await admin.get(`/api/v1/referentials/${referentialId}/competencies/${competencyByCode(theirTree, 'C111').id}`);
    expectError(res, 404, 'referentials.competency_not_found');
  });
});

describe('tree caching', () => {
  it('sends a strong ETag with Cache-Control: private, no-cache, and 304 on If-None-Match', async () => {
    const first = await admin.get(`/api/v1/referentials/${referentialId}/tree`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await admin.request({ method: 'GET', url: `/api/v1/referentials/${referentialId}/tree`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('private, no-cache');

    const listed = await admin.request({
      method: 'GET',
      url: `/api/v1/referentials/${referentialId}/tree`,
      headers: { 'if-none-match': `"autre", W/${etag}` },
    });
    expect(listed.statusCode).toBe(304);
  });

  it('changes the ETag after an edit, and serves the new tree', async () => {
    const first = await admin.get(`/api/v1/referentials/${referentialId}/tree`);
    const etag = first.headers.etag as string;
    const k = competencyByCode(first.json<ReferentialTree>(), 'C114');
    const added = await admin.post(`/api/v1/referentials/${referentialId}/competencies/${k.id}/hazards`, { label: 'Panne du PGI', version: k.version });
    expect(added.statusCode).toBe(201);

    const after = await admin.request({ method: 'GET', url: `/api/v1/referentials/${referentialId}/tree`, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(competencyByCode(after.json<ReferentialTree>(), 'C114').hazards.map((h) => h.label)).toEqual(['Panne du PGI']);
  });

  it('answers 404, not 304, for another establishment even with a matching ETag', async () => {
    const etag = (await admin.get(`/api/v1/referentials/${referentialId}/tree`)).headers.etag as string;
    const res = await outsider.request({ method: 'GET', url: `/api/v1/referentials/${referentialId}/tree`, headers: { 'if-none-match': etag } });
    expect(res.statusCode).toBe(404);
  });
});

describe('export', () => {
  it('downloads a JSON file named after the referential', async () => {
    const res = await admin.get(`/api/v1/referentials/${referentialId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="referentiel-BACPRO-GA.json"');
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const doc = res.json<{ format: string; formatVersion: number; referential: { code: string; poles: unknown[] } }>();
    expect([doc.format, doc.formatVersion, doc.referential.code, doc.referential.poles.length]).toEqual(['cerise-pro.referentiel', 1, 'BACPRO-GA', 4]);
  });
});
