import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestClient, type TestContext } from '../../../test/harness.ts';
import { makeUser } from '../../../test/factories.ts';
import { updateAccount } from './accounts.repository.ts';
import { addGuardian, addMembership, addTeaching, makeClass, makeReadyEstablishment, signedIn } from './users.fixtures.ts';
import { fillNameKeys } from './users.list.usecases.ts';

/**
 * « Gestion des utilisateurs » paged in SQL (docs/performance.md « Listes paginées en SQL »): the same
 * order, search and totals on both engines, pages that add up to the whole list, and keys that follow
 * a rename without any writer knowing about them.
 */
let ctx: TestContext;
let admin: TestClient;
let est: { id: string; uai: string };
type Page = { items: { id: string; lastName: string; firstName: string; login: string }[]; total: number; page: number; pageSize: number };
const list = async (query: string) => {
  const res = await admin.get(`/api/v1/users?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};
const names = (p: Page) => p.items.map((u) => `${u.lastName} ${u.firstName}`);

// Accents, case, compound names, apostrophes: the order an administrator expects in French.
const PEOPLE = [
  ['Élise', 'ZOLA'],
  ['Emma', 'ZOLA'],
  ['Éric', 'DUPONT'],
  ['Anne', 'DUPONTEL'],
  ['Zoé', 'dupont'],
  ['Jean', 'DE LA FONTAINE'],
  ['Luc', 'DELACROIX'],
  ['Noé', 'ÉMERY'],
  ['Paul', 'EMERIC'],
  ['Chloé', "N'DIAYE"],
  ['Lou', 'NADAL'],
  ['Œdipe', 'ŒUVRE'],
  ['Olga', 'ODIN'],
] as const;

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeReadyEstablishment(ctx.deps);
  admin = (await signedIn(ctx, est, ['administrator'], { last_name: 'ADMIN', first_name: 'Ada', is_teacher: 1 })).client;
  for (const [first, last] of PEOPLE) await makeUser(ctx.deps, est.id, { first_name: first, last_name: last, profiles: ['teacher'] });
  // Another establishment's people never show.
  const other = await makeReadyEstablishment(ctx.deps);
  await makeUser(ctx.deps, other.id, { first_name: 'Éric', last_name: 'DUPONT' });
});
afterAll(() => ctx.close());

describe(`user list paged in SQL (${testEngine})`, () => {
  it('sorts by last name, first name and login, accents and case ignored, the same on both engines', async () => {
    const all = await list('profile=teacher&pageSize=200');
    expect(names(all)).toEqual([
      'ADMIN Ada',
      'DE LA FONTAINE Jean',
      'DELACROIX Luc',
      'DUPONT Éric',
      'dupont Zoé',
      'DUPONTEL Anne',
      'EMERIC Paul',
      'ÉMERY Noé',
      'NADAL Lou',
      "N'DIAYE Chloé",
      'ODIN Olga',
      'ŒUVRE Œdipe',
      'ZOLA Élise',
      'ZOLA Emma',
    ]);
    expect(all.total).toBe(PEOPLE.length + 1);
  });

  it('pages add up to the whole list, with the total on each page', async () => {
    const whole = names(await list('profile=teacher&pageSize=200'));
    const pages = await Promise.all([1, 2, 3].map((page) => list(`profile=teacher&pageSize=5&page=${page}`)));
    expect(pages.map((p) => p.total)).toEqual([whole.length, whole.length, whole.length]);
    expect(pages.flatMap(names)).toEqual(whole);
    expect((await list('profile=teacher&pageSize=5&page=9')).items).toEqual([]);
  });

  it('searches every word in last name, first name or login, accents, case and apostrophes ignored', async () => {
    expect(names(await list('search=emery'))).toEqual(['ÉMERY Noé']);
    expect(names(await list(`search=${encodeURIComponent('zoé DUP')}`))).toEqual(['dupont Zoé']);
    expect(names(await list(`search=${encodeURIComponent("n'diaye")}`))).toEqual(["N'DIAYE Chloé"]);
    expect(names(await list('search=oeuvre'))).toEqual(['ŒUVRE Œdipe']);
    expect(names(await list(`search=${encodeURIComponent('100%_')}`))).toEqual([]);
    const dupont = await list('search=dupont&pageSize=2');
    expect(dupont.total).toBe(3);
    expect(names(dupont)).toEqual(['DUPONT Éric', 'dupont Zoé']);
  });

  it('follows a rename (the keys are made again) and a new account written with them', async () => {
    const [odin] = (await list('search=odin')).items;
    const row = await ctx.db.selectFrom('users').select('version').where('id', '=', odin!.id).executeTakeFirstOrThrow();
    expect(row.version).toBeGreaterThan(0);
    await updateAccount(ctx.db, est.id, odin!.id, { last_name: 'AARON' });
    expect(names(await list('search=odin'))).toEqual([]);
    expect(names(await list('profile=teacher&pageSize=1'))).toEqual(['AARON Olga']);
    await updateAccount(ctx.db, est.id, odin!.id, { last_name: 'ODIN' });
    await makeUser(ctx.deps, est.id, { first_name: 'Ève', last_name: 'BAUDIN' });
    expect(names(await list('search=baudin'))).toEqual(['BAUDIN Ève']);
    expect(await fillNameKeys(ctx.db, est.id)).toBe(0);
  });

  it('filters by division (its learners, teachers and their parents), profile and hidden accounts in SQL', async () => {
    const d = await makeClass(ctx.deps, est.id, '2GA9');
    const learner = await makeUser(ctx.deps, est.id, { first_name: 'Léa', last_name: 'MARTIN', profiles: ['learner'] });
    const parent = await makeUser(ctx.deps, est.id, { first_name: 'Marc', last_name: 'MARTIN', profiles: ['parent'] });
    const teacher = await makeUser(ctx.deps, est.id, { first_name: 'Inès', last_name: 'PROF', profiles: ['teacher'] });
    await makeUser(ctx.deps, est.id, { first_name: 'Hors', last_name: 'CLASSE', profiles: ['learner'] });
    await addMembership(ctx.deps, est.id, learner.id, d.id);
    await addGuardian(ctx.deps, est.id, parent.id, learner.id);
    await addTeaching(ctx.deps, est.id, teacher.id, d.id);
    const byClass = await list(`division=${d.id}`);
    expect(names(byClass)).toEqual(['MARTIN Léa', 'MARTIN Marc', 'PROF Inès']);
    expect(byClass.total).toBe(3);
    expect(names(await list(`division=${d.id}&profile=parent`))).toEqual(['MARTIN Marc']);
    await updateAccount(ctx.db, est.id, parent.id, { hidden_at: '2026-11-28T09:00:00.000Z' });
    expect(names(await list(`division=${d.id}`))).toEqual(['MARTIN Léa', 'PROF Inès']);
    expect(names(await list(`hidden=true&division=${d.id}`))).toEqual(['MARTIN Marc']);
  });

  it('fills the keys of many accounts once, in batches, while the event loop keeps serving', async () => {
    for (let i = 0; i < 1200; i++) await makeUser(ctx.deps, est.id, { first_name: `Élève${i}`, last_name: 'LOT', profiles: ['learner'] });
    // New accounts are written with their keys; accounts older than migration 0009 had none.
    const keyless = () => ctx.db.withTables<{ users: { sort_key: string | null } }>().selectFrom('users').select('id').where('establishment_id', '=', est.id).where('sort_key', 'is', null).execute();
    expect(await keyless()).toEqual([]);
    await sql`update users set sort_key = null, search_key = null where establishment_id = ${est.id}`.execute(ctx.db);
    expect((await keyless()).length).toBeGreaterThanOrEqual(1200);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    // Twenty administrators open the list at once: one filling, which they all wait for.
    const [first, ...others] = await Promise.all(Array.from({ length: 20 }, () => fillNameKeys(ctx.db, est.id)));
    clearInterval(ticker);
    expect(first).toBeGreaterThanOrEqual(1200);
    expect(others.every((n) => n === first)).toBe(true);
    expect(turns).toBeGreaterThan(0);
    expect(await fillNameKeys(ctx.db, est.id)).toBe(0);
  });
});
