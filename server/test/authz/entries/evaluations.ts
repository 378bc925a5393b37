import { newId, nowIso } from '../../../src/util/ids.ts';
import type { TestContext } from '../../harness.ts';
import { json, type Entry } from '../entries.ts';
import type { Side } from '../world.ts';

/**
 * Matrix entries of the evaluations module's routes (with their "someone else's object" cases).
 *
 * An evaluation is built straight in the database: by the side's teacher (who teaches the
 * learner) or, for the "read but not edit" cases, by otherTeacher. Refusals documented here:
 * a stranger (otherTeacher, who teaches none of its learners) gets 404 on every route; a
 * teacher who may read it (teaches one of its learners) but is neither author nor co-author gets
 * 403 `evaluations.read_only` on a change; on the learner side, another learner or the parent of
 * another child gets 404, and so does the learner on an evaluation that is not visible.
 */

type Made = { id: string; columnId: string; version: number };

async function makeEvaluation(ctx: TestContext, s: Side, p: { authorId?: string; visible?: boolean; withResult?: boolean } = {}): Promise<Made> {
  const at = nowIso(ctx.deps.now());
  const id = newId();
  const columnId = newId();
  const authorId = p.authorId ?? s.users.teacher.id;
  await ctx.db
    .insertInto('evaluations')
    .values({ id, establishment_id: s.id, author_id: authorId, scenario_id: null, title: 'Évaluation de la matrice', evaluated_on: '2026-11-20', school_year: '2026-2027', is_visible: p.visible ? 1 : 0, created_at: at, updated_at: at, version: 1 })
    .execute();
  await ctx.db.insertInto('evaluation_competencies').values({ id: columnId, establishment_id: s.id, evaluation_id: id, competency_id: s.competencyId, position: 1 }).execute();
  await ctx.db.insertInto('evaluation_items').values({ id: newId(), establishment_id: s.id, owner_id: columnId, complexity_id: s.complexityIds[0] ?? null, hazard_id: s.complexityIds[0] ? null : (s.hazardIds[0] ?? null) }).execute();
  for (const learner of [s.users.learner.id, s.otherLearner.id]) {
    await ctx.db.insertInto('evaluation_learners').values({ id: newId(), establishment_id: s.id, evaluation_id: id, learner_id: learner, comment: 'Bien', comment_version: 1 }).execute();
  }
  if (p.withResult !== false) {
    await ctx.db
      .insertInto('results')
      .values({ id: newId(), establishment_id: s.id, evaluation_id: id, evaluation_competency_id: columnId, learner_id: s.users.learner.id, competency_id: s.competencyId, level: 'RT', evaluated_on: '2026-11-20', recorded_at: at, recorded_by: authorId, version: 1 })
      .execute();
  }
  return { id, columnId, version: 1 };
}

const url = (m: Made, rest = '') => `/api/v1/evaluations/${m.id}${rest}`;
const cells = (s: Side, m: Made) => ({ cells: [{ learnerId: s.otherLearner.id, evaluationCompetencyId: m.columnId, level: 'RP', baseVersion: null }] });

/** A request on an evaluation of someone else: by otherTeacher (the side's teacher may read it, not edit it). */
const byOther = (build: (s: Side, m: Made) => ReturnType<typeof json>) => async (s: Side, _w: unknown, ctx: TestContext) =>
  build(s, await makeEvaluation(ctx, s, { authorId: s.otherTeacher.id }));
const mine = (build: (s: Side, m: Made) => ReturnType<typeof json>) => async (s: Side, _w: unknown, ctx: TestContext) => build(s, await makeEvaluation(ctx, s));

const editRefusals = (build: (s: Side, m: Made) => ReturnType<typeof json>): Entry['notMine'] => [
  { as: 'otherTeacher', request: mine(build), why: 'a teacher who teaches none of its learners: 404' },
  { as: 'teacher', request: byOther(build), status: 403, why: 'a teacher of its learners may read it, not change it: 403 evaluations.read_only' },
];

export const EVALUATIONS_ENTRIES: Record<string, Entry> = {
  'GET /api/v1/evaluations': { who: ['teacher', 'administrator'], scoped: false, request: () => json('GET', '/api/v1/evaluations?title=matrice&date=2026&page=1') },
  'GET /api/v1/evaluations/choices': { who: ['teacher'], scoped: false, request: () => json('GET', '/api/v1/evaluations/choices') },
  'POST /api/v1/evaluations': {
    who: ['teacher'],
    scoped: false,
    ok: [201],
    request: (s) =>
      json('POST', '/api/v1/evaluations', {
        title: 'Nouvelle évaluation',
        evaluatedOn: '2026-11-27',
        competencies: [{ competencyId: s.competencyId, complexityIds: s.complexityIds.slice(0, 1), hazardIds: s.hazardIds.slice(0, 1) }],
        learnerIds: [s.users.learner.id],
      }),
  },
  'GET /api/v1/evaluations/:id': {
    who: ['teacher', 'administrator'],
    scoped: true,
    request: mine((_s, m) => json('GET', url(m))),
    notMine: [{ as: 'otherTeacher', request: mine((_s, m) => json('GET', url(m))), why: 'a teacher who teaches none of its learners' }],
  },
  'PATCH /api/v1/evaluations/:id': {
    who: ['teacher'],
    scoped: true,
    request: mine((_s, m) => json('PATCH', url(m), { version: m.version, title: 'Titre corrigé', isVisible: true })),
    notMine: editRefusals((_s, m) => json('PATCH', url(m), { version: m.version, title: 'Pris par un autre' })),
  },
  'DELETE /api/v1/evaluations/:id': {
    who: ['teacher'],
    scoped: true,
    ok: [204],
    request: mine((_s, m) => json('DELETE', url(m, `?version=${m.version}`))),
    notMine: editRefusals((_s, m) => json('DELETE', url(m, `?version=${m.version}`))),
  },
  'PUT /api/v1/evaluations/:id/results': {
    who: ['teacher'],
    scoped: true,
    request: mine((s, m) => json('PUT', url(m, '/results'), cells(s, m))),
    notMine: editRefusals((s, m) => json('PUT', url(m, '/results'), cells(s, m))),
  },
  'PUT /api/v1/evaluations/:id/learners/:learnerId/comment': {
    who: ['teacher'],
    scoped: true,
    request: mine((s, m) => json('PUT', url(m, `/learners/${s.users.learner.id}/comment`), { comment: 'Très bien', version: 1 })),
    notMine: editRefusals((s, m) => json('PUT', url(m, `/learners/${s.users.learner.id}/comment`), { comment: 'Pris', version: 1 })),
  },
  'GET /api/v1/evaluations/:id/sheet.pdf': {
    who: ['teacher', 'administrator'],
    scoped: true,
    request: mine((_s, m) => json('GET', url(m, '/sheet.pdf'))),
    notMine: [{ as: 'otherTeacher', request: mine((_s, m) => json('GET', url(m, '/sheet.pdf'))), why: 'a teacher who teaches none of its learners' }],
  },
  'GET /api/v1/learner-evaluations/people': { who: ['learner', 'parent'], scoped: false, request: () => json('GET', '/api/v1/learner-evaluations/people') },
  'GET /api/v1/learner-evaluations': {
    who: ['learner', 'parent'],
    scoped: true,
    request: async (s, _w, ctx) => {
      await makeEvaluation(ctx, s, { visible: true });
      return json('GET', `/api/v1/learner-evaluations?learnerId=${s.users.learner.id}`);
    },
    notMine: [
      { as: 'otherLearner', request: (s) => json('GET', `/api/v1/learner-evaluations?learnerId=${s.users.learner.id}`), why: "another learner's list" },
      { as: 'otherParent', request: (s) => json('GET', `/api/v1/learner-evaluations?learnerId=${s.users.learner.id}`), why: "the list of someone else's child" },
    ],
  },
  'GET /api/v1/learner-evaluations/:id': {
    who: ['learner', 'parent'],
    scoped: true,
    request: async (s, _w, ctx) => {
      const m = await makeEvaluation(ctx, s, { visible: true });
      return json('GET', `/api/v1/learner-evaluations/${m.id}?learnerId=${s.users.learner.id}`);
    },
    notMine: [
      {
        as: 'otherLearner',
        request: async (s, _w, ctx) => json('GET', `/api/v1/learner-evaluations/${(await makeEvaluation(ctx, s, { visible: true })).id}?learnerId=${s.users.learner.id}`),
        why: "another learner's results in an evaluation they both sat",
      },
      {
        as: 'otherParent',
        request: async (s, _w, ctx) => json('GET', `/api/v1/learner-evaluations/${(await makeEvaluation(ctx, s, { visible: true })).id}?learnerId=${s.users.learner.id}`),
        why: "the results of someone else's child",
      },
      {
        as: 'learner',
        request: async (s, _w, ctx) => json('GET', `/api/v1/learner-evaluations/${(await makeEvaluation(ctx, s, { visible: false })).id}?learnerId=${s.users.learner.id}`),
        why: 'an evaluation not made visible',
      },
      {
        as: 'parent',
        request: async (s, _w, ctx) => json('GET', `/api/v1/learner-evaluations/${(await makeEvaluation(ctx, s, { visible: false })).id}?learnerId=${s.users.learner.id}`),
        why: "an evaluation of their child not made visible",
      },
    ],
  },
};
