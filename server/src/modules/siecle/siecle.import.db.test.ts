import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { encodeXml, generateSiecleFiles, makeSchool, responsablesXml, stsXml, elevesXml, type GenSchool } from './synthetic/generate.ts';
import { exportUsers } from '../users/users.usecases.ts';
import { importDirect } from './siecle.usecases.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

let uaiCounter = 0;
async function school(opts: Parameters<typeof makeSchool>[0] = {}) {
  const uai = `08${String(70000 + uaiCounter++).padStart(5, '0')}K`;
  const s = makeSchool({ schoolYear: 2026, uai, learners: 30, departed: 2, inactifs: 1, noClass: 1, siblings: 2, contacts: 3, ...opts });
  const est = await makeEstablishment(ctx.deps, { uai, name: `Lycée ${uai}` });
  return { s, est, files: generateSiecleFiles(s) };
}

const upload = (name: string, bytes: Uint8Array) => ({ name, bytes });
const teachersOf = (s: GenSchool, bytes: Uint8Array) => ({ teachers: upload(`sts_emp_${s.uai}_${s.schoolYear}.xml`, bytes) });
const learnersOf = (f: { eleves: Uint8Array; responsables: Uint8Array }) => ({ eleves: upload('ElevesSansAdresses.xml', f.eleves), responsables: upload('ResponsablesAvecAdresses.xml', f.responsables) });

async function countRows() {
  const tables = ['users', 'divisions', 'groups', 'memberships', 'teachings', 'guardians', 'import_runs'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

describe('teachers import (STSWEB)', () => {
  it('creates teachers and heads with their logins, classes and initial passwords, and ignores other staff', async () => {
    const { s, est, files } = await school();
    const r = await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false });
    const teachers = s.staff.filter((p) => p.fn === 'ENS' || (p.fn === null && s.services.some((sv) => sv.teacherIds.includes(p.id))));
    expect(r.created.heads).toBe(1);
    expect(r.created.teachers).toBe(teachers.length);
    expect(r.created.divisions).toBe(s.divisions.length);
    expect(r.created.groups).toBe(s.groups.length);
    expect(r.ignored).toBe(2); // the CPE and the person with neither function nor service
    expect(r.accounts).toHaveLength(teachers.length + 1);
    for (const a of r.accounts) expect(a.login.length).toBeLessThanOrEqual(20);

    const head = r.accounts.find((a) => a.profiles.includes('administrator'))!;
    expect(head.login).toBe('paul.proviseur');
    const headPerson = s.staff.find((p) => p.fn === 'DIR')!;
    expect(head.initialPassword).toBe(headPerson.birthDate); // aaaa-mm-jj

    const c = new TestClient(ctx.app);
    const res = await c.post('/api/v1/auth/login', { uai: est.uai, login: head.login, password: headPerson.birthDate });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    expect(res.json().user.profiles).toContain('administrator');

    // The local teacher without birth date gets a random password that works.
    const local = r.accounts.find((a) => !/^\d{4}-\d{2}-\d{2}$/.test(a.initialPassword))!;
    expect(local.initialPassword).toMatch(/^[A-Za-z0-9]{10}$/);
    expect((await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: local.login, password: local.initialPassword })).statusCode).toBe(200);

    const list = await exportUsers(ctx.deps, est.uai, { profile: 'teacher' });
    const withClasses = list.filter((u) => u.divisions.length > 0);
    expect(withClasses.length).toBeGreaterThan(0);
    expect(list.every((u) => u.source === 'siecle')).toBe(true);
  });

  it('changes nothing when the same file is imported again', async () => {
    const { s, est, files } = await school();
    await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false });
    const before = await exportUsers(ctx.deps, est.uai, { includeHidden: true });
    const r = await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false });
    expect(r.created).toEqual({ divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 });
    expect(r.updated).toEqual({ divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 });
    expect(r.hidden).toEqual({ divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 });
    expect(r.accounts).toEqual([]);
    expect(await exportUsers(ctx.deps, est.uai, { includeHidden: true })).toEqual(before);
  });

  it('refuses a file of another establishment and changes nothing', async () => {
    const { s, files } = await school();
    const other = await makeEstablishment(ctx.deps);
    const before = await countRows();
    await expect(importDirect(ctx.deps, other.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false })).rejects.toMatchObject({ code: 'siecle.wrong_uai' });
    expect(await countRows()).toEqual(before);
  });

  it('refuses a learners file given as the teachers file', async () => {
    const { s, est, files } = await school();
    const before = await countRows();
    await expect(importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.eleves), { dryRun: false })).rejects.toMatchObject({ code: 'siecle.wrong_file_type' });
    expect(await countRows()).toEqual(before);
  });

  it('does nothing on a dry run', async () => {
    const { s, est, files } = await school();
    const before = await countRows();
    const r = await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: true });
    expect(r.dryRun).toBe(true);
    expect(r.created.teachers).toBeGreaterThan(0);
    expect(await countRows()).toEqual(before);
  });
});

describe('learners import (BEE)', () => {
  it('refuses to run before any staff import', async () => {
    const { est, files } = await school();
    const before = await countRows();
    await expect(importDirect(ctx.deps, est.uai, 'learners', learnersOf(files), { dryRun: false })).rejects.toMatchObject({ code: 'siecle.teachers_first' });
    expect(await countRows()).toEqual(before);
  });

  it('creates learners and their parents (levels 1–2), one account per parent for siblings', async () => {
    const { s, est, files } = await school();
    await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false });
    const r = await importDirect(ctx.deps, est.uai, 'learners', learnersOf(files), { dryRun: false });
    const active = s.learners.filter((l) => !l.exitDate || l.exitDate >= '2026-11-28').filter((l) => l.division || !l.inactifs);
    expect(r.created.learners).toBe(active.length);
    const activeIds = new Set(active.map((l) => l.eleveId));
    const parentIds = new Set(s.links.filter((l) => l.level !== 3 && activeIds.has(l.eleveId)).map((l) => l.personId));
    expect(r.created.parents).toBe(parentIds.size);
    expect(r.warnings.some((w) => w.code === 'siecle.no_division')).toBe(true);

    const users = await exportUsers(ctx.deps, est.uai, {});
    const learners = users.filter((u) => u.profiles.includes('learner'));
    const parents = users.filter((u) => u.profiles.includes('parent'));
    expect(learners).toHaveLength(active.length);
    expect(learners.filter((u) => u.divisions.length === 0)).toHaveLength(1); // sans classe
    // Siblings share their parents: some parent has two children.
    expect(parents.some((p) => (p.children ?? []).length === 2)).toBe(true);
    // Level-3 contacts get no account.
    const contactNames = new Set(s.links.filter((l) => l.level === 3).map((l) => l.personId));
    expect(r.people.filter((p) => p.kind === 'parent' && p.status !== 'ignored')).toHaveLength(parentIds.size);
    expect(contactNames.size).toBe(3);
    // They are named in the report, as left out, like parents none of whose children is imported.
    expect(r.people.filter((p) => p.kind === 'parent' && p.reason === 'contact').length).toBeGreaterThan(0);

    // A learner logs in with jjmmaaaa and must change it.
    const first = r.accounts.find((a) => a.profiles.includes('learner'))!;
    expect(first.initialPassword).toMatch(/^\d{8}$/);
    const res = await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: first.login, password: first.initialPassword });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    // A parent logs in with the random password of the report.
    const parent = r.accounts.find((a) => a.profiles.includes('parent'))!;
    expect((await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: parent.login, password: parent.initialPassword })).statusCode).toBe(200);

    const again = await importDirect(ctx.deps, est.uai, 'learners', learnersOf(files), { dryRun: false });
    expect(again.created).toEqual({ divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 });
    expect(again.updated).toEqual({ divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 });
    expect(again.hidden).toEqual({ divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 });
  });

  it('applies a mid-year update: newcomers created, classes updated, leavers hidden with their logins kept', async () => {
    const { s, est, files } = await school();
    await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false });
    await importDirect(ctx.deps, est.uai, 'learners', learnersOf(files), { dryRun: false });
    const before = await exportUsers(ctx.deps, est.uai, { includeHidden: true });

    const mid: GenSchool = structuredClone(s);
    const leaver = mid.learners[0]!;
    leaver.exitDate = '2026-11-20';
    const mover = mid.learners[1]!;
    mover.division = mid.divisions[2]!.code;
    mid.learners.push({ ...structuredClone(mid.learners[4]!), eleveId: '1899999', firstName: 'Zoé', familyName: 'NOUVELLE', usageName: null, ine: null });
    mid.links.push({ eleveId: '1899999', personId: mid.persons[0]!.personId, level: 1, relationship: '10' });
    const r = await importDirect(ctx.deps, est.uai, 'learners', { eleves: upload('ElevesSansAdresses.xml', encodeXml(elevesXml(mid))), responsables: upload('ResponsablesAvecAdresses.xml', encodeXml(responsablesXml(mid))) }, { dryRun: false });
    expect(r.created.learners).toBe(1);
    expect(r.hidden.learners).toBe(1);
    expect(r.updated.learners).toBeGreaterThanOrEqual(1);
    expect(r.accounts.map((a) => a.login)).toEqual(['zoe.nouvelle']);

    const after = await exportUsers(ctx.deps, est.uai, { includeHidden: true });
    for (const u of before) {
      const same = after.find((a) => a.login === u.login);
      expect(same, u.login).toBeDefined(); // no login ever changes, no account is deleted
    }
    const hidden = after.filter((u) => u.hidden);
    expect(hidden.map((u) => u.lastName)).toContain(leaver.usageName ?? leaver.familyName);
    const moved = after.find((u) => u.lastName === (mover.usageName ?? mover.familyName) && u.firstName === mover.firstName && u.profiles.includes('learner'));
    expect(moved?.divisions).toEqual([mid.divisions[2]!.code]);
    // The hidden learner can no longer log in.
    const leaverAccount = after.find((u) => u.hidden && u.profiles.includes('learner'))!;
    const [y, m, d] = leaverAccount.birthDate!.split('-');
    expect((await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: leaverAccount.login, password: `${d}${m}${y}` })).statusCode).toBe(401);
  });

  it('gives clashing logins the smallest free suffix, across profiles', async () => {
    const { s, est, files } = await school({ learners: 4, departed: 0, inactifs: 0, noClass: 0, siblings: 0, contacts: 0, accents: false });
    await makeUser(ctx.deps, est.id, { login: 'lucas.martin', profiles: ['teacher'], first_name: 'Lucas', last_name: 'MARTIN' });
    await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false });
    const twin: GenSchool = structuredClone(s);
    for (const l of twin.learners) {
      l.firstName = 'Lucas';
      l.familyName = 'MARTIN';
      l.usageName = null;
    }
    const r = await importDirect(ctx.deps, est.uai, 'learners', { eleves: upload('e.xml', encodeXml(elevesXml(twin))), responsables: upload('r.xml', encodeXml(responsablesXml(twin))) }, { dryRun: false });
    expect(r.accounts.filter((a) => a.profiles.includes('learner')).map((a) => a.login)).toEqual(['lucas.martin2', 'lucas.martin3', 'lucas.martin4', 'lucas.martin5']);
  });

  it('refuses swapped files and changes nothing', async () => {
    const { s, est, files } = await school();
    await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false });
    const before = await countRows();
    await expect(
      importDirect(ctx.deps, est.uai, 'learners', { eleves: upload('ResponsablesAvecAdresses.xml', files.responsables), responsables: upload('ElevesSansAdresses.xml', files.eleves) }, { dryRun: false }),
    ).rejects.toMatchObject({ code: 'siecle.wrong_file_type' });
    expect(await countRows()).toEqual(before);
  });

  it('reads legacy files (NOM, RESP_LEGAL) in ISO-8859-15', async () => {
    const { s, est } = await school();
    const legacy = generateSiecleFiles(s, { legacy: true, encoding: 'ISO-8859-15' });
    await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, encodeXml(stsXml(s, { legacy: true }), { encoding: 'ISO-8859-15' })), { dryRun: false });
    const r = await importDirect(ctx.deps, est.uai, 'learners', learnersOf(legacy), { dryRun: false });
    expect(r.created.learners).toBeGreaterThan(20);
    expect(r.created.parents).toBeGreaterThan(20);
    const names = (await exportUsers(ctx.deps, est.uai, {})).map((u) => u.lastName).join(' ');
    expect(names).toMatch(/Œ|È|'|Ç|Ü/);
  });
});

describe('planner statistics after an import (docs/performance.md)', () => {
  it('gives the planner the imported accounts at once, without waiting for autovacuum', async () => {
    const { s, est, files } = await school({ learners: 60 });
    const lastVacuum = async () =>
      (await sql<{ at: Date | null }>`select last_vacuum as at from pg_stat_user_tables where relid = 'users'::regclass`.execute(ctx.db)).rows[0]?.at?.getTime() ?? 0;
    const before = ctx.deps.engine === 'postgres' ? await lastVacuum() : 0;
    await importDirect(ctx.deps, est.uai, 'teachers', teachersOf(s, files.sts), { dryRun: false });
    await importDirect(ctx.deps, est.uai, 'learners', learnersOf(files), { dryRun: false });
    const accounts = Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    if (ctx.deps.engine === 'postgres') {
      // VACUUM (ANALYZE) of the imported tables: the row estimate of users is the accounts written.
      // (Whether its pages are all-visible depends on the other test files' open transactions.)
      const { rows } = await sql<{ tuples: number }>`select reltuples as tuples from pg_class where oid = 'users'::regclass`.execute(ctx.db);
      expect(Number(rows[0]!.tuples)).toBe(accounts);
      expect(await lastVacuum()).toBeGreaterThan(before);
    } else {
      const { rows } = await sql<{ stat: string }>`select stat from sqlite_stat1 where tbl = 'users' and idx is null or tbl = 'users' and idx = 'users_visible_list_idx'`.execute(ctx.db);
      expect(rows.length).toBeGreaterThan(0);
    }
  });
});
