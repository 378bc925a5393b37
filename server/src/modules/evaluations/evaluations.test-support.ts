import type { TestClient, TestContext } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { clientFor } from '../../../test/sessions.ts';
import { newId, nowIso } from '../../util/ids.ts';

/**
 * A small school for the evaluations tests: one division taught by two teachers (author and
 * colleague), a stranger teacher, N learners, a parent of the first learner, an administrator.
 */
export type School = {
  establishmentId: string;
  uai: string;
  divisionId: string;
  learners: { id: string; last_name: string; first_name: string }[];
  competencies: { id: string; code: string; complexityIds: string[]; hazardIds: string[] }[];
  author: TestClient;
  colleague: TestClient;
  stranger: TestClient;
  admin: TestClient;
  learner: TestClient;
  otherLearner: TestClient;
  parent: TestClient;
  ids: { author: string; colleague: string; stranger: string; parent: string };
};

export async function makeSchool(ctx: TestContext, learnerCount = 4): Promise<School> {
  const est = await makeEstablishment(ctx.deps, { withReferential: true });
  const schoolYear = '2026-2027';
  const at = nowIso(ctx.deps.now());
  const divisionId = newId();
  await ctx.db.insertInto('divisions').values({ id: divisionId, establishment_id: est.id, school_year: schoolYear, code: '1GA1', label: 'Première GA 1', mef: null, hidden_at: null, created_at: at }).execute();
  const [author, colleague, stranger] = [
    await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'AUTEUR', first_name: 'Anne' }),
    await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'COLLEGUE', first_name: 'Claude' }),
    await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'ETRANGER', first_name: 'Eric' }),
  ];
  for (const t of [author!, colleague!]) {
    await ctx.db.insertInto('teachings').values({ id: newId(), establishment_id: est.id, school_year: schoolYear, teacher_id: t.id, division_id: divisionId, group_id: null, discipline: 'Gestion' }).execute();
  }
  const learners = [];
  for (let i = 0; i < learnerCount; i++) {
    const l = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: `ÉLÈVE${String(i).padStart(2, '0')}`, first_name: `Prénom${i}` });
    await ctx.db.insertInto('memberships').values({ id: newId(), establishment_id: est.id, school_year: schoolYear, learner_id: l.id, division_id: divisionId, group_id: null }).execute();
    learners.push(l);
  }
  const parent = await makeUser(ctx.deps, est.id, { profiles: ['parent'] });
  await ctx.db.insertInto('guardians').values({ id: newId(), establishment_id: est.id, parent_id: parent.id, learner_id: learners[0]!.id, level: 1 }).execute();
  const admin = await makeUser(ctx.deps, est.id, { profiles: ['administrator'] });
  const comps = await ctx.db.selectFrom('competencies').select(['id', 'code']).where('establishment_id', '=', est.id).orderBy('code').limit(14).execute();
  const competencies = [];
  for (const c of comps) {
    const complexities = await ctx.db.selectFrom('complexities').select('id').where('competency_id', '=', c.id).orderBy('position').execute();
    const hazards = await ctx.db.selectFrom('hazards').select('id').where('competency_id', '=', c.id).orderBy('position').execute();
    competencies.push({ ...c, complexityIds: complexities.map((x) => x.id), hazardIds: hazards.map((x) => x.id) });
  }
  return {
    establishmentId: est.id,
    uai: est.uai,
    divisionId,
    learners,
    competencies,
    author: await clientFor(ctx, author!),
    colleague: await clientFor(ctx, colleague!),
    stranger: await clientFor(ctx, stranger!),
    admin: await clientFor(ctx, admin),
    learner: await clientFor(ctx, learners[0]!),
    otherLearner: await clientFor(ctx, learners[1]!),
    parent: await clientFor(ctx, parent),
    ids: { author: author!.id, colleague: colleague!.id, stranger: stranger!.id, parent: parent.id },
  };
}

/** Creates an evaluation through the API; answers its body. */
export async function createThroughApi(s: School, p: { competencies?: number; learners?: number; visible?: boolean; title?: string; coauthors?: string[] } = {}) {
  const res = await s.author.post('/api/v1/evaluations', {
    title: p.title ?? 'Accueil physique et téléphonique',
    evaluatedOn: '2026-11-20',
    isVisible: p.visible ?? false,
    competencies: s.competencies.slice(0, p.competencies ?? 2).map((c) => ({ competencyId: c.id, complexityIds: c.complexityIds.slice(0, 1), hazardIds: c.hazardIds.slice(0, 1) })),
    learnerIds: s.learners.slice(0, p.learners ?? s.learners.length).map((l) => l.id),
    coauthorIds: p.coauthors ?? [],
  });
  if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
  return res.json();
}
