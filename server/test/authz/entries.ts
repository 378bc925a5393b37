import { nextSchoolYear, schoolYearOf, type Profile } from '@cerise/common';
import { multipart } from '../multipart.ts';
import { generateSiecleFiles, makeSchool } from '../fixtures/siecle/generate.ts';
import type { TestContext } from '../harness.ts';
import type { Side, World } from './world.ts';
import { DASHBOARD_ENTRIES } from './entries/dashboard.ts';
import { EVALUATIONS_ENTRIES } from './entries/evaluations.ts';
import { PASSPORT_ENTRIES } from './entries/passport.ts';
import { SCENARIOS_ENTRIES } from './entries/scenarios.ts';
import { SSO_ENTRIES } from './entries/sso.ts';
import { SSO_IMPORT_ENTRIES } from './entries/sso-import.ts';

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
  /**
   * "Someone else's object" in the same establishment: requests that a user of side A
   * sends on an object that is not theirs (another learner's data, another teacher's private
   * object, the child of another parent). Each must be refused (`status`, default 404) and
   * change nothing.
   */
  notMine?: NotMine[];
};

/** Who sends a "someone else's object" request: a profile's user of side A, or one of the extra people. */
export type Actor = Profile | 'otherTeacher' | 'otherLearner' | 'otherParent';
export type NotMine = { as: Actor; request: (s: Side, w: World, ctx: TestContext) => Req | Promise<Req>; status?: number; why: string };

export const ALL: Profile[] = ['administrator', 'teacher', 'learner', 'parent'];
export const ADMIN: Profile[] = ['administrator'];
export const json = (method: Req['method'], url: string, payload?: Record<string, unknown>): Req => ({ method, url, ...(payload === undefined ? {} : { payload }) });

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
  // Account routes act on the signed-in user only (no id in the request): no one else's object to ask for.
  'PUT /api/v1/account/password': { who: 'any', scoped: false, ok: [204], request: () => json('PUT', '/api/v1/account/password', { currentPassword: 'mot-de-passe-test', newPassword: 'un-autre-secret-42' }) },
  'PUT /api/v1/account/email': { who: 'any', scoped: false, ok: [204], request: () => json('PUT', '/api/v1/account/email', { email: 'nouvelle@example.org', currentPassword: 'mot-de-passe-test' }) },

  'POST /api/v1/imports/teachers/analysis': { who: ADMIN, scoped: false, request: (s) => stsUpload(s) },
  'POST /api/v1/imports/learners/analysis': { who: ADMIN, scoped: false, request: (s) => learnersUpload(s) },
  'POST /api/v1/imports/:runId/apply': { who: ADMIN, scoped: true, request: (s) => json('POST', `/api/v1/imports/${s.analysedRunId}/apply`) },
  'DELETE /api/v1/imports/:runId': { who: ADMIN, scoped: true, ok: [204], request: (s) => json('DELETE', `/api/v1/imports/${s.analysedRunId}`) },
  'POST /api/v1/imports/:runId/reanalysis': { who: ADMIN, scoped: true, request: (s) => json('POST', `/api/v1/imports/${s.analysedRunId}/reanalysis`) },
  'GET /api/v1/imports': { who: ADMIN, scoped: false, request: () => json('GET', '/api/v1/imports') },
  'GET /api/v1/imports/:runId': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/imports/${s.appliedRunId}`) },
  'GET /api/v1/imports/:runId/report.csv': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/imports/${s.appliedRunId}/report.csv`) },
  'GET /api/v1/imports/:runId/report.pdf': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/imports/${s.appliedRunId}/report.pdf`) },

  'GET /api/v1/privacy/users/:userId/export': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/privacy/users/${s.users.learner.id}/export`), notMine: personRefused((s) => json('GET', `/api/v1/privacy/users/${s.users.learner.id}/export`)) },

  'GET /api/v1/referentials': { who: ALL, scoped: false, request: () => json('GET', '/api/v1/referentials') },
  'GET /api/v1/referentials/:id/tree': { who: ALL, scoped: true, request: (s) => json('GET', `${ref(s)}/tree`) },
  // The referential is shared by the whole establishment: no one's private object, so no notMine case.
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

/**
 * "Someone else's object" on the administration routes. Administrators manage every person and
 * class of their establishment, so for them an object of the same establishment that is not
 * theirs does not apply (another establishment's object is the `scoped` 404 case). What applies
 * is a learner, a parent or a teacher of the same establishment reaching for another person's
 * data through these routes: refused by profile (403) before any lookup, nothing changed.
 */
function personRefused(request: NotMine['request']): NotMine[] {
  return [
    { as: 'otherLearner', status: 403, why: "a learner reaching another learner's account", request },
    { as: 'otherParent', status: 403, why: 'a parent reaching a learner who is not their child', request },
    { as: 'otherTeacher', status: 403, why: "a teacher reaching a colleague's or a learner's account", request },
  ];
}

async function rowVersion(ctx: TestContext, table: 'users' | 'establishments', id: string): Promise<number> {
  const row = await ctx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.version;
}

// Administration.
Object.assign(ENTRIES, {
  'GET /api/v1/settings': { who: ADMIN, scoped: false, request: () => json('GET', '/api/v1/settings') },
  'PUT /api/v1/settings/establishment': {
    who: ADMIN,
    scoped: false,
    request: async (s: Side, _w: World, ctx: TestContext) =>
      json('PUT', '/api/v1/settings/establishment', { version: await rowVersion(ctx, 'establishments', s.id), name: `Lycée ${s.uai}`, address: '1 rue de la Paix', postalCode: '86000', town: 'Poitiers', phone: '05 49 00 00 00', email: `ce.${s.uai.toLowerCase()}@ac-test.fr`, headName: 'Mme la Proviseure', website: 'https://lycee.example.fr' }),
  },
  'PUT /api/v1/settings/calculation': { who: ADMIN, scoped: false, request: async (s: Side, _w: World, ctx: TestContext) => json('PUT', '/api/v1/settings/calculation', { version: await rowVersion(ctx, 'establishments', s.id) }) },
  'POST /api/v1/settings/school-year': {
    who: ADMIN,
    scoped: false,
    request: async (s: Side, _w: World, ctx: TestContext) => {
      const row = await ctx.db.selectFrom('establishments').select(['version', 'school_year']).where('id', '=', s.id).executeTakeFirstOrThrow();
      return json('POST', '/api/v1/settings/school-year', { version: row.version, schoolYear: nextSchoolYear(row.school_year ?? schoolYearOf(ctx.deps.now())) });
    },
  },
  'GET /api/v1/users': { who: ADMIN, scoped: false, request: () => json('GET', '/api/v1/users?search=a&page=1&pageSize=20') },
  'POST /api/v1/users': { who: ADMIN, scoped: false, ok: [201], request: () => json('POST', '/api/v1/users', { civility: 'Mme', lastName: 'NOUVELLE', firstName: 'Enseignante', birthDate: '1985-04-03', email: 'nouvelle@example.org', profiles: ['teacher'], classIds: [], discipline: 'Français' }) },
  'POST /api/v1/users/login-preview': { who: ADMIN, scoped: false, request: () => json('POST', '/api/v1/users/login-preview', { firstName: 'Jean-François', lastName: 'BERNARD' }) },
  'GET /api/v1/users/:id': { who: ADMIN, scoped: true, request: (s: Side) => json('GET', `/api/v1/users/${s.users.teacher.id}`), notMine: personRefused((s) => json('GET', `/api/v1/users/${s.users.learner.id}`)) },
  'PATCH /api/v1/users/:id': {
    who: ADMIN,
    scoped: true,
    request: async (s: Side, _w: World, ctx: TestContext) => json('PATCH', `/api/v1/users/${s.users.teacher.id}`, { version: await rowVersion(ctx, 'users', s.users.teacher.id), email: 'corrigee@example.org' }),
    notMine: personRefused(async (s, _w, ctx) => json('PATCH', `/api/v1/users/${s.users.learner.id}`, { version: await rowVersion(ctx, 'users', s.users.learner.id), email: 'detournee@example.org' })),
  },
  'POST /api/v1/users/:id/password-reset': { who: ADMIN, scoped: true, request: (s: Side) => json('POST', `/api/v1/users/${s.users.teacher.id}/password-reset`), notMine: personRefused((s) => json('POST', `/api/v1/users/${s.users.learner.id}/password-reset`)) },
  'POST /api/v1/users/:id/hide': { who: ADMIN, scoped: true, request: (s: Side) => json('POST', `/api/v1/users/${s.manualUserId}/hide`), notMine: personRefused((s) => json('POST', `/api/v1/users/${s.manualUserId}/hide`)) },
  'POST /api/v1/users/:id/restore': {
    who: ADMIN,
    scoped: true,
    request: async (s: Side, _w: World, ctx: TestContext) => {
      await ctx.db.updateTable('users').set({ hidden_at: '2026-11-01T00:00:00.000Z' }).where('id', '=', s.manualUserId).execute();
      return json('POST', `/api/v1/users/${s.manualUserId}/restore`);
    },
  },
  'GET /api/v1/divisions': { who: ['administrator', 'teacher'], scoped: false, request: () => json('GET', '/api/v1/divisions') },
  'GET /api/v1/access/divisions/:divisionId/learners': { who: ADMIN, scoped: true, request: (s: Side) => json('GET', `/api/v1/access/divisions/${s.divisionId}/learners`), notMine: personRefused((s) => json('GET', `/api/v1/access/divisions/${s.divisionId}/learners`)) },
  'GET /api/v1/access/divisions/:divisionId/learners.csv': { who: ADMIN, scoped: true, request: (s: Side) => json('GET', `/api/v1/access/divisions/${s.divisionId}/learners.csv`) },
  'POST /api/v1/access/divisions/:divisionId/learners/reset': { who: ADMIN, scoped: true, request: (s: Side) => json('POST', `/api/v1/access/divisions/${s.divisionId}/learners/reset`, { learnerIds: [s.users.learner.id] }), notMine: personRefused((s) => json('POST', `/api/v1/access/divisions/${s.divisionId}/learners/reset`, { learnerIds: [s.users.learner.id] })) },
  'GET /api/v1/access/divisions/:divisionId/parents': { who: ADMIN, scoped: true, request: (s: Side) => json('GET', `/api/v1/access/divisions/${s.divisionId}/parents`) },
  'POST /api/v1/access/parents/:parentId/password-reset': { who: ADMIN, scoped: true, request: (s: Side) => json('POST', `/api/v1/access/parents/${s.otherParent.id}/password-reset`), notMine: personRefused((s) => json('POST', `/api/v1/access/parents/${s.users.parent.id}/password-reset`)) },
  'POST /api/v1/access/divisions/:divisionId/parents/letters': { who: ADMIN, scoped: true, request: (s: Side) => json('POST', `/api/v1/access/divisions/${s.divisionId}/parents/letters`, { parentIds: [s.otherParent.id] }) },
  'GET /api/v1/audit': { who: ADMIN, scoped: false, request: () => json('GET', '/api/v1/audit?from=2026-01-01&page=1') },
  'GET /api/v1/mails': { who: ADMIN, scoped: false, request: () => json('GET', '/api/v1/mails?page=1') },
  'POST /api/v1/auth/password-reset/request': { who: 'public', scoped: false, ok: [202], request: (s: Side) => json('POST', '/api/v1/auth/password-reset/request', { uai: s.uai, login: s.users.teacher.login }) },
  'POST /api/v1/auth/password-reset/check': { who: 'public', scoped: false, ok: [400], request: () => json('POST', '/api/v1/auth/password-reset/check', { token: 'a'.repeat(43) }) },
  'POST /api/v1/auth/password-reset/confirm': { who: 'public', scoped: false, ok: [400], request: () => json('POST', '/api/v1/auth/password-reset/confirm', { token: 'a'.repeat(43), newPassword: 'un-nouveau-secret' }) },
} satisfies Record<string, Entry>);

// Teaching modules: one file each under entries/.
Object.assign(ENTRIES, SCENARIOS_ENTRIES, EVALUATIONS_ENTRIES, PASSPORT_ENTRIES, DASHBOARD_ENTRIES, SSO_ENTRIES, SSO_IMPORT_ENTRIES);
