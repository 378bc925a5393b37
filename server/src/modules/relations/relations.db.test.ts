import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../context.ts';
import { createTestApp, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { newId } from '../../util/ids.ts';
import { childrenOf, isGuardianOf, learnersTaughtBy, teaches } from './relations.repository.ts';
import { learnerReadableBy, learnerTaughtBy } from './relations.usecases.ts';

/** The relations the teaching modules' policies rest on, on both engines. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const YEAR = '2026-2027';

async function school() {
  const est = await makeEstablishment(ctx.deps);
  const at = '2026-09-01T00:00:00.000Z';
  const division = newId();
  const group = newId();
  await ctx.db.insertInto('divisions').values({ id: division, establishment_id: est.id, school_year: YEAR, code: '1GA1', label: null, mef: null, hidden_at: null, created_at: at }).execute();
  await ctx.db.insertInto('groups').values({ id: group, establishment_id: est.id, school_year: YEAR, code: 'G-ANG', label: null, hidden_at: null, created_at: at }).execute();
  const inDivision = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
  const inGroup = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
  const lastYear = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
  const divisionTeacher = await makeUser(ctx.deps, est.id, { profiles: ['teacher'] });
  const groupTeacher = await makeUser(ctx.deps, est.id, { profiles: ['teacher'] });
  const parent = await makeUser(ctx.deps, est.id, { profiles: ['parent'] });
  const contact = await makeUser(ctx.deps, est.id, { profiles: ['parent'] });
  const admin = await makeUser(ctx.deps, est.id, { profiles: ['administrator'] });
  const member = (learner_id: string, division_id: string | null, group_id: string | null, school_year = YEAR) =>
    ctx.db.insertInto('memberships').values({ id: newId(), establishment_id: est.id, school_year, learner_id, division_id, group_id }).execute();
  await member(inDivision.id, division, null);
  await member(inGroup.id, null, group);
  await member(lastYear.id, division, null, '2025-2026');
  const teach = (teacher_id: string, division_id: string | null, group_id: string | null) =>
    ctx.db.insertInto('teachings').values({ id: newId(), establishment_id: est.id, school_year: YEAR, teacher_id, division_id, group_id, discipline: null }).execute();
  await teach(divisionTeacher.id, division, null);
  await teach(groupTeacher.id, null, group);
  await ctx.db.insertInto('guardians').values({ id: newId(), establishment_id: est.id, parent_id: parent.id, learner_id: inDivision.id, level: 1 }).execute();
  await ctx.db.insertInto('guardians').values({ id: newId(), establishment_id: est.id, parent_id: parent.id, learner_id: inGroup.id, level: 2 }).execute();
  // `contact` is the parent of another child only (level-3 contacts get no link: the table holds 1 and 2).
  const otherChild = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
  await ctx.db.insertInto('guardians').values({ id: newId(), establishment_id: est.id, parent_id: contact.id, learner_id: otherChild.id, level: 1 }).execute();
  return { est, inDivision, inGroup, lastYear, divisionTeacher, groupTeacher, parent, contact, admin, scope: { establishmentId: est.id, schoolYear: YEAR } };
}

function contextOf(user: { id: string; establishment_id: string; login: string }, profiles: RequestContext['actor']['profiles']): RequestContext {
  return {
    actor: { sessionId: 's', id: user.id, establishmentId: user.establishment_id, uai: 'X', establishmentName: 'X', login: user.login, civility: null, lastName: 'N', firstName: 'P', email: null, birthDate: null, profiles, mustChangePassword: false },
    establishmentId: user.establishment_id,
    ip: null,
    at: ctx.deps.now(),
  };
}

describe('relations', () => {
  it('a teacher teaches the learners of their divisions and groups in that school year only', async () => {
    const s = await school();
    expect(await teaches(ctx.db, s.scope, s.divisionTeacher.id, s.inDivision.id)).toBe(true);
    expect(await teaches(ctx.db, s.scope, s.groupTeacher.id, s.inGroup.id)).toBe(true);
    expect(await teaches(ctx.db, s.scope, s.divisionTeacher.id, s.inGroup.id)).toBe(false);
    // Last year's member of the same division is not taught this year.
    expect(await teaches(ctx.db, s.scope, s.divisionTeacher.id, s.lastYear.id)).toBe(false);
    expect(await teaches(ctx.db, { ...s.scope, schoolYear: '2025-2026' }, s.divisionTeacher.id, s.lastYear.id)).toBe(false);
    expect((await learnersTaughtBy(ctx.db, s.scope, s.divisionTeacher.id)).sort()).toEqual([s.inDivision.id]);
    expect(await learnersTaughtBy(ctx.db, s.scope, s.groupTeacher.id)).toEqual([s.inGroup.id]);
  });

  it('a parent has the children they are legally responsible for (levels 1 and 2), not those of another family', async () => {
    const s = await school();
    expect(await isGuardianOf(ctx.db, s.est.id, s.parent.id, s.inDivision.id)).toBe(true);
    expect(await isGuardianOf(ctx.db, s.est.id, s.parent.id, s.inGroup.id)).toBe(true);
    expect(await isGuardianOf(ctx.db, s.est.id, s.contact.id, s.inDivision.id)).toBe(false);
    expect((await childrenOf(ctx.db, s.est.id, s.parent.id)).map((c) => c.id).sort()).toEqual([s.inDivision.id, s.inGroup.id].sort());
    // A hidden child is no longer offered.
    await ctx.db.updateTable('users').set({ hidden_at: '2026-10-01T00:00:00.000Z' }).where('id', '=', s.inGroup.id).execute();
    expect((await childrenOf(ctx.db, s.est.id, s.parent.id)).map((c) => c.id)).toEqual([s.inDivision.id]);
  });

  it('lets the learner, their guardian, their teacher and an administrator read; anyone else gets 404', async () => {
    const s = await school();
    await ctx.db.updateTable('establishments').set({ school_year: YEAR }).where('id', '=', s.est.id).execute();
    const as = async (user: Parameters<typeof contextOf>[0], profiles: RequestContext['actor']['profiles']) =>
      (await learnerReadableBy(ctx.deps, contextOf(user, profiles), s.inDivision.id)).as;
    expect(await as(s.inDivision, ['learner'])).toBe('self');
    expect(await as(s.parent, ['parent'])).toBe('guardian');
    expect(await as(s.divisionTeacher, ['teacher'])).toBe('teacher');
    expect(await as(s.admin, ['administrator'])).toBe('administrator');
    for (const [user, profiles] of [
      [s.inGroup, ['learner']],
      [s.contact, ['parent']],
      [s.groupTeacher, ['teacher']],
    ] as const) {
      await expect(learnerReadableBy(ctx.deps, contextOf(user, [...profiles]), s.inDivision.id)).rejects.toMatchObject({ status: 404 });
    }
    // Acting as their teacher (review, block): only the teacher who teaches them.
    expect((await learnerTaughtBy(ctx.deps, contextOf(s.divisionTeacher, ['teacher']), s.inDivision.id)).id).toBe(s.inDivision.id);
    await expect(learnerTaughtBy(ctx.deps, contextOf(s.admin, ['administrator']), s.inDivision.id)).rejects.toMatchObject({ status: 404 });
    // A learner of another establishment does not exist from here.
    const other = await school();
    await expect(learnerReadableBy(ctx.deps, contextOf(s.admin, ['administrator']), other.inDivision.id)).rejects.toMatchObject({ status: 404 });
  });
});
