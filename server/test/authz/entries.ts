import type { Profile } from '@cerise/common';
import { multipart } from '../multipart.ts';
import { generateSiecleFiles, makeSchool } from '../fixtures/siecle/generate.ts';
import type { TestContext } from '../harness.ts';
import type { Side, World } from './world.ts';

export type Req = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: string | Buffer | Record<string, unknown> | unknown[];
  headers?: Record<string, string>;
};

/**
 * Who may call a route and a valid request for it. `scoped`: the request names an object of the
 * establishment, so the same profile from another establishment must get 404 (existence does
 * not leak); otherwise it gets its own establishment's data (tested by the module tests).
 */
export type Entry = {
  who: Profile[] | 'any' | 'public';
  scoped: boolean;
  request: (s: Side, w: World, ctx: TestContext) => Req | Promise<Req>;
  /** Statuses that mean success for this valid request. */
  ok?: number[];
};

const ALL: Profile[] = ['administrator', 'teacher', 'learner', 'parent'];
const ADMIN: Profile[] = ['administrator'];
const json = (method: Req['method'], url: string, payload?: Record<string, unknown>): Req => ({ method, url, ...(payload === undefined ? {} : { payload }) });

async function competencyVersion(ctx: TestContext, s: Side): Promise<number> {
  const row = await ctx.db.selectFrom('competencies').select('version').where('id', '=', s.competencyId).executeTakeFirstOrThrow();
  return row.version;
}
const ref = (s: Side) => `/api/v1/referentials/${s.referentialId}`;
const comp = (s: Side) => `${ref(s)}/competencies/${s.competencyId}`;

function stsUpload(s: Side): Req {
  const files = generateSiecleFiles(makeSchool({ uai: s.uai, schoolYear: 2026, learners: 3, accents: false }));
  return { method: 'POST', url: '/api/v1/imports/teachers/analysis', ...multipart([{ field: 'teachers', filename: 'sts.xml', content: files.sts }]) };
}
function learnersUpload(s: Side): Req {
  const files = generateSiecleFiles(makeSchool({ uai: s.uai, schoolYear: 2026, learners: 3, accents: false }));
  return {
    method: 'POST',
    url: '/api/v1/imports/learners/analysis',
    ...multipart([
      { field: 'eleves', filename: 'e.xml', content: files.eleves },
      { field: 'responsables', filename: 'r.xml', content: files.responsables },
    ]),
  };
}

/** Every API route. A route missing here fails the matrix test. */
export const ENTRIES: Record<string, Entry> = {
  'GET /api/openapi.json': { who: 'public', scoped: false, request: () => json('GET', '/api/openapi.json') },
  'GET /api/health': { who: 'public', scoped: false, request: () => json('GET', '/api/health') },
  'POST /api/v1/auth/login': { who: 'public', scoped: false, ok: [200, 401], request: (s) => json('POST', '/api/v1/auth/login', { uai: s.uai, login: s.users.teacher.login, password: 'mot-de-passe-test' }) },
  'POST /api/v1/auth/logout': { who: 'public', scoped: false, ok: [204], request: () => json('POST', '/api/v1/auth/logout') },
  'GET /api/v1/auth/me': { who: 'any', scoped: false, request: () => json('GET', '/api/v1/auth/me') },
  'GET /api/v1/auth/establishments/:uai': { who: 'public', scoped: false, request: (s) => json('GET', `/api/v1/auth/establishments/${s.uai}`) },
  'GET /api/v1/auth/default-establishment': { who: 'public', scoped: false, ok: [200, 404], request: () => json('GET', '/api/v1/auth/default-establishment') },
  'PUT /api/v1/account/password': { who: 'any', scoped: false, ok: [204], request: () => json('PUT', '/api/v1/account/password', { currentPassword: 'mot-de-passe-test', newPassword: 'un-autre-secret-42' }) },
  'PUT /api/v1/account/email': { who: 'any', scoped: false, ok: [204], request: () => json('PUT', '/api/v1/account/email', { email: 'nouvelle@example.org' }) },

  'POST /api/v1/imports/teachers/analysis': { who: ADMIN, scoped: false, request: (s) => stsUpload(s) },
  'POST /api/v1/imports/learners/analysis': { who: ADMIN, scoped: false, request: (s) => learnersUpload(s) },
  'POST /api/v1/imports/:runId/apply': { who: ADMIN, scoped: true, request: (s) => json('POST', `/api/v1/imports/${s.analysedRunId}/apply`) },
  'GET /api/v1/imports': { who: ADMIN, scoped: false, request: () => json('GET', '/api/v1/imports') },
  'GET /api/v1/imports/:runId': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/imports/${s.appliedRunId}`) },
  'GET /api/v1/imports/:runId/report.csv': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/imports/${s.appliedRunId}/report.csv`) },
  'GET /api/v1/imports/:runId/report.pdf': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/imports/${s.appliedRunId}/report.pdf`) },

  'GET /api/v1/privacy/users/:userId/export': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/privacy/users/${s.users.learner.id}/export`) },

  'GET /api/v1/referentials': { who: ALL, scoped: false, request: () => json('GET', '/api/v1/referentials') },
  'GET /api/v1/referentials/:id/tree': { who: ALL, scoped: true, request: (s) => json('GET', `${ref(s)}/tree`) },
  'GET /api/v1/referentials/:id/competencies/:competencyId': { who: ALL, scoped: true, request: (s) => json('GET', comp(s)) },
  'PATCH /api/v1/referentials/:id/competencies/:competencyId': { who: ADMIN, scoped: true, request: async (s, _w, ctx) => json('PATCH', comp(s), { toComplete: true, version: await competencyVersion(ctx, s) }) },
  'GET /api/v1/referentials/:id/export': { who: ADMIN, scoped: true, request: (s) => json('GET', `${ref(s)}/export`) },
  'POST /api/v1/referentials/import': { who: ADMIN, scoped: false, request: async (s, _w, ctx) => {
    const exported = await ctx.app.inject({ method: 'GET', url: `${ref(s)}/export`, headers: { cookie: s.clients.administrator.cookie! } });
    return { method: 'POST', url: '/api/v1/referentials/import?dryRun=true', headers: { 'content-type': 'application/json' }, payload: exported.body };
  } },
};

for (const list of ['complexities', 'hazards'] as const) {
  const ids = (s: Side) => (list === 'complexities' ? s.complexityIds : s.hazardIds);
  Object.assign(ENTRIES, {
    [`POST /api/v1/referentials/:id/competencies/:competencyId/${list}`]: { who: ADMIN, scoped: true, ok: [201], request: async (s: Side, _w: World, ctx: TestContext) => json('POST', `${comp(s)}/${list}`, { label: `Nouvel élément ${list}`, version: await competencyVersion(ctx, s) }) },
    [`PUT /api/v1/referentials/:id/competencies/:competencyId/${list}/order`]: { who: ADMIN, scoped: true, request: async (s: Side, _w: World, ctx: TestContext) => json('PUT', `${comp(s)}/${list}/order`, { ids: [...ids(s)].reverse(), version: await competencyVersion(ctx, s) }) },
    [`PATCH /api/v1/referentials/:id/competencies/:competencyId/${list}/:itemId`]: { who: ADMIN, scoped: true, request: async (s: Side, _w: World, ctx: TestContext) => json('PATCH', `${comp(s)}/${list}/${ids(s)[0]}`, { label: 'Libellé corrigé', version: await competencyVersion(ctx, s) }) },
    [`DELETE /api/v1/referentials/:id/competencies/:competencyId/${list}/:itemId`]: { who: ADMIN, scoped: true, request: async (s: Side, _w: World, ctx: TestContext) => json('DELETE', `${comp(s)}/${list}/${ids(s)[0]}?version=${await competencyVersion(ctx, s)}`) },
  } satisfies Record<string, Entry>);
}
