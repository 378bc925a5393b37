import type { Profile } from '@cerise/common';
import { newId } from '../../../src/util/ids.ts';
import type { TestContext } from '../../harness.ts';
import type { Entry, NotMine, Req } from '../entries.ts';
import type { Side } from '../world.ts';

/** Matrix entries of the dashboard module's routes (with their "someone else's object" cases). */

const ALL: Profile[] = ['administrator', 'teacher', 'learner', 'parent'];
const STAFF: Profile[] = ['administrator', 'teacher'];
const get = (url: string): Req => ({ method: 'GET', url });

/** Someone with no link to the world's learner: refused with 404. */
const learnerNotMine = (suffix: string): NotMine[] => [
  { as: 'otherLearner', why: "another learner's dashboard", request: (s) => get(`/api/v1/dashboard/learners/${s.users.learner.id}${suffix}`) },
  { as: 'otherParent', why: "the parent of another child", request: (s) => get(`/api/v1/dashboard/learners/${s.users.learner.id}${suffix}`) },
  { as: 'otherTeacher', why: 'a teacher who does not teach the learner', request: (s) => get(`/api/v1/dashboard/learners/${s.users.learner.id}${suffix}`) },
  { as: 'learner', why: "a learner reading another learner's dashboard", request: (s) => get(`/api/v1/dashboard/learners/${s.otherLearner.id}${suffix}`) },
  { as: 'parent', why: "a parent reading another child's dashboard", request: (s) => get(`/api/v1/dashboard/learners/${s.otherLearner.id}${suffix}`) },
];

const divisionNotMine = (suffix: string): NotMine[] => [
  { as: 'otherTeacher', why: 'a teacher who teaches nobody in the class', request: (s) => get(`/api/v1/dashboard/divisions/${s.divisionId}${suffix}`) },
];

/** A saved filter of the world's teacher, made directly in the database. */
async function teacherFilter(s: Side, ctx: TestContext) {
  const id = newId();
  const at = new Date().toISOString();
  await ctx.db.insertInto('dashboard_filters').values({ id, establishment_id: s.id, owner_id: s.users.teacher.id, name: `Filtre ${id.slice(-8)}`, created_at: at, updated_at: at }).execute();
  await ctx.db.insertInto('dashboard_filter_competencies').values({ id: newId(), establishment_id: s.id, filter_id: id, competency_id: s.competencyId }).execute();
  const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/dashboard/filters', headers: { cookie: s.clients.teacher.cookie! } });
  const version = (list.json() as { filters: { id: string; version: string }[] }).filters.find((f) => f.id === id)!.version;
  return { id, version };
}

export const DASHBOARD_ENTRIES: Record<string, Entry> = {
  'GET /api/v1/dashboard/learners/:learnerId': { who: ALL, scoped: true, request: (s) => get(`/api/v1/dashboard/learners/${s.users.learner.id}`), notMine: learnerNotMine('') },
  'GET /api/v1/dashboard/learners/:learnerId/pdf': { who: ALL, scoped: true, request: (s) => get(`/api/v1/dashboard/learners/${s.users.learner.id}/pdf`), notMine: learnerNotMine('/pdf') },
  'GET /api/v1/dashboard/divisions': { who: STAFF, scoped: false, request: () => get('/api/v1/dashboard/divisions') },
  'GET /api/v1/dashboard/divisions/:divisionId/learners': { who: STAFF, scoped: true, request: (s) => get(`/api/v1/dashboard/divisions/${s.divisionId}/learners`), notMine: divisionNotMine('/learners') },
  'GET /api/v1/dashboard/divisions/:divisionId/overview': { who: STAFF, scoped: true, request: (s) => get(`/api/v1/dashboard/divisions/${s.divisionId}/overview`), notMine: divisionNotMine('/overview') },
  'GET /api/v1/dashboard/divisions/:divisionId/ccf': { who: STAFF, scoped: true, request: (s) => get(`/api/v1/dashboard/divisions/${s.divisionId}/ccf`), notMine: divisionNotMine('/ccf') },
  'GET /api/v1/dashboard/children': { who: ['parent'], scoped: false, request: () => get('/api/v1/dashboard/children') },
  'GET /api/v1/dashboard/filters': { who: ['teacher'], scoped: false, request: () => get('/api/v1/dashboard/filters') },
  'POST /api/v1/dashboard/filters': {
    who: ['teacher'],
    scoped: false,
    ok: [201],
    request: (s) => ({ method: 'POST', url: '/api/v1/dashboard/filters', payload: { name: `Mon filtre ${newId().slice(-8)}`, competencyIds: [s.competencyId] } }),
  },
  'PUT /api/v1/dashboard/filters/:filterId': {
    who: ['teacher'],
    scoped: true,
    request: async (s, _w, ctx) => {
      const f = await teacherFilter(s, ctx);
      return { method: 'PUT', url: `/api/v1/dashboard/filters/${f.id}`, payload: { name: `Renommé ${f.id.slice(-8)}`, competencyIds: [s.competencyId], version: f.version } };
    },
    notMine: [
      {
        as: 'otherTeacher',
        why: "another teacher's filter",
        request: async (s, _w, ctx) => {
          const f = await teacherFilter(s, ctx);
          return { method: 'PUT', url: `/api/v1/dashboard/filters/${f.id}`, payload: { name: 'Pris', competencyIds: [s.competencyId], version: f.version } };
        },
      },
    ],
  },
  'DELETE /api/v1/dashboard/filters/:filterId': {
    who: ['teacher'],
    scoped: true,
    ok: [204],
    request: async (s, _w, ctx) => ({ method: 'DELETE', url: `/api/v1/dashboard/filters/${(await teacherFilter(s, ctx)).id}` }),
    notMine: [{ as: 'otherTeacher', why: "another teacher's filter", request: async (s, _w, ctx) => ({ method: 'DELETE', url: `/api/v1/dashboard/filters/${(await teacherFilter(s, ctx)).id}` }) }],
  },
};
