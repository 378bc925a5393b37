import type { Profile } from '@cerise/common';
import { newId, nowIso } from '../../src/util/ids.ts';
import { analyseImport, importDirect } from '../../src/modules/siecle/siecle.usecases.ts';
import { makeEstablishment, makeUser, uniqueUai } from '../factories.ts';
import { generateSiecleFiles, makeSchool } from '../fixtures/siecle/generate.ts';
import type { TestClient, TestContext } from '../harness.ts';
import { clientFor } from '../sessions.ts';

export const PROFILES_UNDER_TEST: Profile[] = ['administrator', 'teacher', 'learner', 'parent'];

/** One establishment as the matrix sees it: a user per profile, and objects of each kind. */
export type Side = {
  id: string;
  uai: string;
  users: Record<Profile, { id: string; login: string; establishment_id: string }>;
  clients: Record<Profile, TestClient>;
  /** A second learner (someone else's object for learners and parents) and their parent. */
  otherLearner: { id: string; login: string; establishment_id: string };
  otherParent: { id: string; login: string; establishment_id: string };
  /** A teacher of the establishment who teaches neither learner (no teachings). */
  otherTeacher: { id: string; login: string; establishment_id: string };
  /** Signed-in clients of the extra people. */
  extraClients: { otherLearner: TestClient; otherParent: TestClient; otherTeacher: TestClient };
  referentialId: string;
  competencyId: string;
  complexityIds: string[];
  hazardIds: string[];
  divisionId: string;
  /** An applied import (reports) and an analysed one (apply). */
  appliedRunId: string;
  analysedRunId: string;
  /** A user created by hand (hide/restore). */
  manualUserId: string;
};

export type World = { A: Side; B: Side };

async function side(ctx: TestContext): Promise<Side> {
  const uai = uniqueUai();
  const est = await makeEstablishment(ctx.deps, { uai, name: `Lycée ${uai}`, email: `ce.${uai.toLowerCase()}@ac-test.fr`, withReferential: true });
  const school = makeSchool({ uai, schoolYear: 2026, learners: 6, siblings: 0, departed: 0, divisions: 2, accents: false, seed: Math.floor(Math.random() * 1e6) });
  const files = generateSiecleFiles(school);
  const applied = await importDirect(ctx.deps, uai, 'teachers', { teachers: { name: 'sts.xml', bytes: files.sts } }, { dryRun: false });
  await importDirect(ctx.deps, uai, 'learners', { eleves: { name: 'e.xml', bytes: files.eleves }, responsables: { name: 'r.xml', bytes: files.responsables } }, { dryRun: false });

  const division = await ctx.db.selectFrom('divisions').select('id').where('establishment_id', '=', est.id).orderBy('code').executeTakeFirstOrThrow();
  const users = {} as Side['users'];
  for (const p of PROFILES_UNDER_TEST) {
    users[p] = await makeUser(ctx.deps, est.id, { profiles: [p], email: `${p}.${uai.toLowerCase()}@example.org`, birth_date: '1990-01-02' });
  }
  const otherLearner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], birth_date: '2010-05-06' });
  const otherParent = await makeUser(ctx.deps, est.id, { profiles: ['parent'], email: `op.${uai.toLowerCase()}@example.org` });
  for (const [learner, division_id] of [[users.learner, division.id], [otherLearner, division.id]] as const) {
    await ctx.db.insertInto('memberships').values({ id: newId(), establishment_id: est.id, school_year: '2026-2027', learner_id: learner.id, division_id, group_id: null }).execute();
  }
  await ctx.db.insertInto('guardians').values({ id: newId(), establishment_id: est.id, parent_id: users.parent.id, learner_id: users.learner.id, level: 1 }).execute();
  await ctx.db.insertInto('guardians').values({ id: newId(), establishment_id: est.id, parent_id: otherParent.id, learner_id: otherLearner.id, level: 1 }).execute();
  await ctx.db.insertInto('teachings').values({ id: newId(), establishment_id: est.id, school_year: '2026-2027', teacher_id: users.teacher.id, division_id: division.id, group_id: null, discipline: 'Gestion' }).execute();

  const referential = await ctx.db.selectFrom('referentials').select('id').where('establishment_id', '=', est.id).executeTakeFirstOrThrow();
  const competency = await ctx.db.selectFrom('competencies').select('id').where('establishment_id', '=', est.id).where('code', '=', 'C111').executeTakeFirstOrThrow();
  const complexities = await ctx.db.selectFrom('complexities').select('id').where('competency_id', '=', competency.id).orderBy('position').execute();
  const hazards = await ctx.db.selectFrom('hazards').select('id').where('competency_id', '=', competency.id).orderBy('position').execute();
  const analysed = await analyseImport(ctx.deps, { id: users.administrator.id, establishmentId: est.id }, 'teachers', { teachers: { name: 'sts.xml', bytes: files.sts } });
  const manual = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], source: 'manual', email: `manual.${uai.toLowerCase()}@example.org` });

  const otherTeacher = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], email: `ot.${uai.toLowerCase()}@example.org` });
  const clients = {} as Side['clients'];
  for (const p of PROFILES_UNDER_TEST) clients[p] = await clientFor(ctx, users[p]);
  void nowIso;
  const extraClients = {
    otherLearner: await clientFor(ctx, otherLearner),
    otherParent: await clientFor(ctx, otherParent),
    otherTeacher: await clientFor(ctx, otherTeacher),
  };
  return {
    otherTeacher,
    extraClients,
    id: est.id,
    uai,
    users,
    clients,
    otherLearner,
    otherParent,
    referentialId: referential.id,
    competencyId: competency.id,
    complexityIds: complexities.map((c) => c.id),
    hazardIds: hazards.map((h) => h.id),
    divisionId: division.id,
    appliedRunId: applied.runId!,
    analysedRunId: analysed.runId!,
    manualUserId: manual.id,
  };
}

export async function buildWorld(ctx: TestContext): Promise<World> {
  return { A: await side(ctx), B: await side(ctx) };
}
