import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createMailDispatcher } from '../mail/mail.dispatcher.ts';
import { addGuardian, addMembership, addTeaching, mailsTo, makeClass, makeReadyEstablishment, signedIn } from './users.fixtures.ts';
import { textToSend } from '../mail/mail.secrets.ts';

/** The text as the dispatcher sends it (the stored one holds a placeholder for the secret). */
const sent = (m: { text_body: string; secret: string | null }) => textToSend(m.text_body, m.secret);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const newTeacher = (extra: Record<string, unknown> = {}) => ({
  civility: 'Mme',
  lastName: 'Lefèvre',
  firstName: 'Hélène',
  birthDate: '1984-03-09',
  email: 'helene.lefevre@ac-test.fr',
  profiles: ['teacher'],
  discipline: 'Économie-gestion',
  ...extra,
});

describe('Gestion des utilisateurs: the list', () => {
  it('pages, searches without accents, filters by profile and class, and marks the source', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est, ['administrator'], { last_name: 'Admin', first_name: 'Zoé' });
    const d2 = await makeClass(ctx.deps, est.id, '2GA1');
    const g = await makeClass(ctx.deps, est.id, 'GR-ANG', { kind: 'group' });
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'LEFÈVRE', first_name: 'Noé', source: 'siecle', birth_date: '2009-12-30', login: 'noe.lefevre' });
    await addMembership(ctx.deps, est.id, learner.id, d2.id);
    await addMembership(ctx.deps, est.id, learner.id, g.id, 'group');
    const teacher = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'Martin', first_name: 'Éric', email: 'e.martin@ac-test.fr' });
    await addTeaching(ctx.deps, est.id, teacher.id, d2.id);
    const parent = await makeUser(ctx.deps, est.id, { profiles: ['parent'], last_name: 'Lefèvre', first_name: 'Anne', source: 'siecle' });
    await addGuardian(ctx.deps, est.id, parent.id, learner.id);
    await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'Parti', first_name: 'Paul', hidden_at: '2026-09-01T00:00:00.000Z' });
    const other = await makeEstablishment(ctx.deps);
    await makeUser(ctx.deps, other.id, { profiles: ['teacher'], last_name: 'Lefèvre', first_name: 'Intrus' });

    const all = await client.get('/api/v1/users');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 4, page: 1, pageSize: 50 });
    // French order: Admin, Lefèvre Anne, LEFÈVRE Noé, Martin.
    expect(all.json().items.map((u: { id: string }) => u.id)).toEqual([admin.id, parent.id, learner.id, teacher.id]);
    expect(all.body).not.toMatch(/argon2|password_hash|initial_secret/);

    const noe = all.json().items.find((u: { id: string }) => u.id === learner.id);
    expect(noe).toMatchObject({
      login: 'noe.lefevre',
      lastName: 'LEFÈVRE',
      firstName: 'Noé',
      birthDate: '2009-12-30',
      profiles: ['learner'],
      divisions: [{ id: d2.id, code: '2GA1', label: 'Classe 2GA1' }],
      groups: [{ id: g.id, code: 'GR-ANG', label: 'Classe GR-ANG' }],
      source: 'siecle',
      hidden: false,
      readOnlyFields: ['civility', 'lastName', 'firstName', 'birthDate'],
      canHide: false,
      canResetPassword: true,
      passwordState: 'chosen',
    });
    const anne = all.json().items.find((u: { id: string }) => u.id === parent.id);
    expect(anne.children).toEqual([{ id: learner.id, login: 'noe.lefevre', lastName: 'LEFÈVRE', firstName: 'Noé', divisions: ['2GA1'] }]);
    const eric = all.json().items.find((u: { id: string }) => u.id === teacher.id);
    expect(eric).toMatchObject({ source: 'manual', canHide: true, canResetPassword: true, readOnlyFields: [], divisions: [{ code: '2GA1' }] });

    const search = async (q: string) => (await client.get(`/api/v1/users?search=${encodeURIComponent(q)}`)).json().items.map((u: { id: string }) => u.id);
    expect(await search('lefevre')).toEqual([parent.id, learner.id]);
    expect(await search('LEFÈVRE noé')).toEqual([learner.id]);
    expect(await search('eric')).toEqual([teacher.id]);
    expect(await search('noe.lef')).toEqual([learner.id]);
    expect(await search('intrus')).toEqual([]);

    const byProfile = await client.get('/api/v1/users?profile=teacher');
    expect(byProfile.json().items.map((u: { id: string }) => u.id)).toEqual([teacher.id]);
    const byClass = await client.get(`/api/v1/users?division=${d2.id}`);
    expect(byClass.json().items.map((u: { id: string }) => u.id)).toEqual([parent.id, learner.id, teacher.id]);
    const byGroup = await client.get(`/api/v1/users?division=${g.id}&profile=learner`);
    expect(byGroup.json().items.map((u: { id: string }) => u.id)).toEqual([learner.id]);

    const page2 = await client.get('/api/v1/users?page=2&pageSize=3');
    expect(page2.json()).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.json().items.map((u: { id: string }) => u.id)).toEqual([teacher.id]);

    const hidden = await client.get('/api/v1/users?hidden=true');
    expect(hidden.json().items).toHaveLength(1);
    expect(hidden.json().items[0]).toMatchObject({ lastName: 'Parti', hidden: true, canRestore: true, canHide: false, canResetPassword: false });

    for (const bad of ['page=0', 'pageSize=500', 'profile=root', 'hidden=maybe']) {
      const res = await client.get(`/api/v1/users?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('common.validation');
    }
  });

  it('lists the divisions and groups of the current school year for administrators and teachers', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const d = await makeClass(ctx.deps, est.id, '1GA1');
    await makeClass(ctx.deps, est.id, 'TGA1', { schoolYear: '2020-2021' });
    await makeClass(ctx.deps, est.id, 'GR-ESP', { kind: 'group' });
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
    await addMembership(ctx.deps, est.id, learner.id, d.id);
    const gone = await makeUser(ctx.deps, est.id, { profiles: ['learner'], hidden_at: '2026-10-01T00:00:00.000Z' });
    await addMembership(ctx.deps, est.id, gone.id, d.id);
    for (const profiles of [['administrator'], ['teacher']] as const) {
      const { client } = await signedIn(ctx, est, [...profiles]);
      const res = await client.get('/api/v1/divisions');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        schoolYear: '2026-2027',
        divisions: [{ id: d.id, code: '1GA1', label: 'Classe 1GA1', learnerCount: 1 }],
        groups: [{ id: expect.any(String), code: 'GR-ESP', label: 'Classe GR-ESP', learnerCount: 0 }],
        learnersWithoutDivision: 0,
      });
    }
    for (const profile of ['learner', 'parent'] as const) {
      const { client } = await signedIn(ctx, est, [profile]);
      expect((await client.get('/api/v1/divisions')).statusCode).toBe(403);
    }
  });
});

describe('Gestion des utilisateurs: « Nouvel enseignant », « Nouvel utilisateur »', () => {
  it('needs the establishment name and e-mail first, and says so in French', async () => {
    const est = await makeEstablishment(ctx.deps, { email: null });
    const { client } = await signedIn(ctx, est);
    const res = await client.post('/api/v1/users', newTeacher());
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'settings.establishment_incomplete', details: { missing: ['email'], module: 'settings' } });
    expect(res.json().error.message).toMatch(/Paramètres/);
    expect(await ctx.db.selectFrom('users').select('id').where('establishment_id', '=', est.id).execute()).toHaveLength(1);
  });

  it('creates a teacher with classes: login by the rule, two mails, forced change, audited', async () => {
    const est = await makeReadyEstablishment(ctx.deps, 'Lycée Les Iris');
    const { client, user: admin } = await signedIn(ctx, est);
    const d = await makeClass(ctx.deps, est.id, '2GA2');
    const g = await makeClass(ctx.deps, est.id, 'GR1', { kind: 'group' });
    expect((await client.post('/api/v1/users/login-preview', { firstName: 'Hélène', lastName: 'Lefèvre' })).json()).toEqual({ login: 'helene.lefevre' });

    const res = await client.post('/api/v1/users', newTeacher({ classIds: [d.id, g.id] }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.mailsQueued).toBe(2);
    expect(body.initialPassword).toBeNull();
    expect(body.user).toMatchObject({
      login: 'helene.lefevre',
      civility: 'Mme',
      lastName: 'Lefèvre',
      firstName: 'Hélène',
      birthDate: '1984-03-09',
      email: 'helene.lefevre@ac-test.fr',
      profiles: ['teacher'],
      discipline: 'Économie-gestion',
      divisions: [{ id: d.id, code: '2GA2' }],
      groups: [{ id: g.id, code: 'GR1' }],
      source: 'manual',
      mustChangePassword: true,
      version: 1,
    });
    const mails = await mailsTo(ctx, 'helene.lefevre@ac-test.fr');
    expect(mails.map((m) => m.kind)).toEqual(['credentials.login', 'credentials.password']);
    expect(mails[0]!.text_body).toContain(`${ctx.config.publicUrl}/${est.uai}`);
    expect(mails[0]!.text_body).toContain('helene.lefevre');
    expect(mails[0]!.text_body).not.toMatch(/mot de passe provisoire/i);
    const password = /mot de passe provisoire Cerise Pro : (\S+)/.exec(sent(mails[1]!))![1]!;
    expect(mails[1]!.text_body).not.toContain('helene.lefevre');
    const teacher = new TestClient(ctx.app);
    const login = await teacher.login(est.uai, 'helene.lefevre', password);
    expect(login.mustChangePassword).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', admin.id).where('action', '=', 'users.created').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ login: 'helene.lefevre', classes: ['2GA2', 'GR1'] });

    // Same name again: a possible duplicate first, then the next free suffix when confirmed.
    const dup = await client.post('/api/v1/users', newTeacher({ email: null }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('users.possible_duplicate');
    expect(dup.json().error.details.duplicates[0]).toMatchObject({ login: 'helene.lefevre' });
    const second = await client.post('/api/v1/users', newTeacher({ email: '', allowDuplicate: true }));
    expect(second.statusCode).toBe(201);
    expect(second.json().user.login).toBe('helene.lefevre2');
    // Without an e-mail the password comes back once, and no mail is queued.
    expect(second.json().mailsQueued).toBe(0);
    expect(second.json().initialPassword).toMatch(/^[A-Za-z0-9]{10}$/);
    await new TestClient(ctx.app).login(est.uai, 'helene.lefevre2', second.json().initialPassword);
  });

  it('creates another profile, takes hidden accounts’ logins into account, and uses initials for long compound names', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    await makeUser(ctx.deps, est.id, { login: 'marie.dupont', hidden_at: '2025-07-01T00:00:00.000Z' });
    const res = await client.post('/api/v1/users', { lastName: 'Dupont', firstName: 'Marie', profiles: ['administrator'], email: 'marie@ac-test.fr' });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ login: 'marie.dupont2', profiles: ['administrator'], civility: null, birthDate: null, divisions: [] });
    const long = await client.post('/api/v1/users', { lastName: 'Bernard', firstName: 'Jean-François-Xavier', profiles: ['parent'], email: null });
    expect(long.json().user.login).toBe('jfx.bernard');
  });

  it('validates the form', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const other = await makeEstablishment(ctx.deps);
    const foreign = await makeClass(ctx.deps, other.id, '2GA1');
    await makeClass(ctx.deps, est.id, '2GA1'); // this year's classes exist: a 2019 class is out of reach
    const old = await makeClass(ctx.deps, est.id, '2GA9', { schoolYear: '2019-2020' });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ lastName: '' }, 400, 'common.validation'],
      [{ firstName: 'x'.repeat(101) }, 400, 'common.validation'],
      [{ email: 'nope' }, 400, 'common.validation'],
      [{ birthDate: '1984-02-30' }, 400, 'common.validation'],
      [{ birthDate: '09/03/1984' }, 400, 'common.validation'],
      [{ birthDate: '2030-01-01' }, 400, 'users.birth_date_in_future'],
      [{ civility: 'Dr' }, 400, 'common.validation'],
      [{ profiles: [] }, 400, 'common.validation'],
      [{ profiles: ['root'] }, 400, 'common.validation'],
      [{ profiles: ['administrator'], discipline: 'Maths' }, 400, 'users.classes_for_teachers_only'],
      [{ classIds: [foreign.id] }, 404, 'users.class_not_found'],
      [{ classIds: [old.id] }, 404, 'users.class_not_found'],
    ];
    for (const [extra, status, code] of cases) {
      const res = await client.post('/api/v1/users', newTeacher({ email: null, lastName: `Cas${Math.random()}`.replace('.', ''), ...extra }));
      expect(res.statusCode, JSON.stringify(extra)).toBe(status);
      expect(res.json().error.code, JSON.stringify(extra)).toBe(code);
    }
    expect(await ctx.db.selectFrom('users').select('id').where('establishment_id', '=', est.id).execute()).toHaveLength(1);
  });
});

describe('Gestion des utilisateurs: editing', () => {
  it('edits a hand-made user, with the version, classes replaced, audited', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est);
    const d1 = await makeClass(ctx.deps, est.id, 'A1');
    const d2 = await makeClass(ctx.deps, est.id, 'A2');
    const t = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'Durand', first_name: 'Luc' });
    await addTeaching(ctx.deps, est.id, t.id, d1.id, 'Anglais');
    const res = await client.patch(`/api/v1/users/${t.id}`, {
      version: 1,
      lastName: 'Durand-Petit',
      civility: 'M.',
      birthDate: '1979-05-01',
      email: 'luc@ac-test.fr',
      profiles: ['teacher', 'administrator'],
      classIds: [d2.id],
      discipline: 'Français',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      lastName: 'Durand-Petit',
      civility: 'M.',
      birthDate: '1979-05-01',
      email: 'luc@ac-test.fr',
      profiles: ['administrator', 'teacher'],
      divisions: [{ id: d2.id }],
      discipline: 'Français',
      login: t.login,
      version: 2,
    });
    const stale = await client.patch(`/api/v1/users/${t.id}`, { version: 1, firstName: 'Lucas' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'common.version_conflict', details: { currentVersion: 2 } });
    // Nothing sent but the version: nothing changes.
    expect((await client.patch(`/api/v1/users/${t.id}`, { version: 2 })).json().version).toBe(2);
    // No longer a teacher: the classes go too.
    const noTeacher = await client.patch(`/api/v1/users/${t.id}`, { version: 2, profiles: ['administrator'] });
    expect(noTeacher.json()).toMatchObject({ profiles: ['administrator'], divisions: [], version: 3 });
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', admin.id).where('action', '=', 'users.updated').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.details!).changes.lastName).toEqual({ from: 'Durand', to: 'Durand-Petit' });
  });

  it('keeps imported identity fields read-only, but lets the e-mail and profiles change', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const t = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], source: 'siecle', last_name: 'MOREAU', first_name: 'Julie', birth_date: '1980-01-02', civility: 'Mme' });
    const refused = await client.patch(`/api/v1/users/${t.id}`, { version: 1, lastName: 'Moreau-Blanc', birthDate: '1980-01-03' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'users.imported_identity_read_only', details: { fields: ['lastName', 'birthDate'] } });
    // Sending the same values back (a whole form) is fine.
    const ok = await client.patch(`/api/v1/users/${t.id}`, { version: 1, lastName: 'MOREAU', firstName: 'Julie', civility: 'Mme', birthDate: '1980-01-02', email: 'julie@ac-test.fr', profiles: ['teacher', 'administrator'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ email: 'julie@ac-test.fr', profiles: ['administrator', 'teacher'], version: 2 });
  });

  it('refuses to remove one’s own administrator profile, and validates', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est);
    const res = await client.patch(`/api/v1/users/${admin.id}`, { version: 1, profiles: ['teacher'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('users.cannot_remove_own_admin');
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
    const d = await makeClass(ctx.deps, est.id, 'B1');
    expect((await client.patch(`/api/v1/users/${learner.id}`, { version: 1, classIds: [d.id] })).json().error.code).toBe('users.classes_for_teachers_only');
    expect((await client.patch(`/api/v1/users/${learner.id}`, { lastName: 'X' })).statusCode).toBe(400);
    expect((await client.patch(`/api/v1/users/${learner.id}`, { version: 1, email: 'x' })).statusCode).toBe(400);
    expect((await client.get(`/api/v1/users/${learner.id}`)).json().version).toBe(1);
  });
});

describe('Gestion des utilisateurs: password reset, hide, restore', () => {
  it('resets a password by mail with a known e-mail: two mails, sessions ended, the old password refused', async () => {
    const est = await makeReadyEstablishment(ctx.deps, 'Lycée Réinit');
    const { client, user: admin } = await signedIn(ctx, est);
    const withoutMail = await makeUser(ctx.deps, est.id);
    const refused = await client.post(`/api/v1/users/${withoutMail.id}/password-reset`, { delivery: 'mail' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('users.no_email');

    const t = await makeUser(ctx.deps, est.id, { email: 'reset.me@ac-test.fr' });
    const session = new TestClient(ctx.app);
    await session.login(est.uai, t.login, DEFAULT_PASSWORD);
    const res = await client.post(`/api/v1/users/${t.id}/password-reset`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ delivery: 'mail', email: 'reset.me@ac-test.fr', mailsQueued: 2 });
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: t.login, password: DEFAULT_PASSWORD })).statusCode).toBe(401);
    const mails = await mailsTo(ctx, 'reset.me@ac-test.fr');
    expect(mails.map((m) => m.kind)).toEqual(['password_reset.login', 'password_reset.password']);
    expect(mails[0]!.text_body).toContain(t.login);
    const password = /mot de passe provisoire Cerise Pro : (\S+)/.exec(sent(mails[1]!))![1]!;
    expect((await new TestClient(ctx.app).login(est.uai, t.login, password)).mustChangePassword).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', admin.id).where('target_id', '=', t.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['users.password_reset']);
  });

  it('refuses the reset while the establishment has no e-mail', async () => {
    const est = await makeEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const t = await makeUser(ctx.deps, est.id, { email: 'x@ac-test.fr' });
    const res = await client.post(`/api/v1/users/${t.id}/password-reset`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('settings.establishment_incomplete');
  });

  it('hides a hand-made user (no more login), lists it among hidden accounts, and restores it', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est);
    const t = await makeUser(ctx.deps, est.id, { last_name: 'Remplaçant' });
    const session = new TestClient(ctx.app);
    await session.login(est.uai, t.login, DEFAULT_PASSWORD);
    const hidden = await client.post(`/api/v1/users/${t.id}/hide`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).toMatchObject({ hidden: true, canRestore: true, version: 2 });
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: t.login, password: DEFAULT_PASSWORD })).statusCode).toBe(401);
    expect((await client.get('/api/v1/users')).json().items.map((u: { id: string }) => u.id)).not.toContain(t.id);
    expect((await client.get('/api/v1/users?hidden=true')).json().items.map((u: { id: string }) => u.id)).toEqual([t.id]);
    expect((await client.post(`/api/v1/users/${t.id}/password-reset`)).json().error.code).toBe('users.hidden');

    const restored = await client.post(`/api/v1/users/${t.id}/restore`);
    expect(restored.json()).toMatchObject({ hidden: false, canHide: true, version: 3 });
    expect((await client.post(`/api/v1/users/${t.id}/restore`)).json().error.code).toBe('users.not_hidden');
    await new TestClient(ctx.app).login(est.uai, t.login, DEFAULT_PASSWORD);
    const actions = await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', admin.id).where('target_id', '=', t.id).orderBy('at').execute();
    expect(actions.map((a) => a.action)).toEqual(['users.hidden', 'users.restored']);
  });

  it('never hides imported users or oneself, and never restores imported ones', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est);
    const imported = await makeUser(ctx.deps, est.id, { source: 'siecle' });
    const res = await client.post(`/api/v1/users/${imported.id}/hide`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('users.hide_imported');
    expect((await client.post(`/api/v1/users/${admin.id}/hide`)).json().error.code).toBe('users.cannot_hide_self');
    const left = await makeUser(ctx.deps, est.id, { source: 'siecle', hidden_at: '2026-09-01T00:00:00.000Z' });
    expect((await client.post(`/api/v1/users/${left.id}/restore`)).json().error.code).toBe('users.restore_imported');
  });
});

describe('Gestion des utilisateurs: who may', () => {
  it('answers 403 to teachers, learners and parents on every route, and 401 without a session', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const target = await makeUser(ctx.deps, est.id, { email: 'target@ac-test.fr' });
    const calls = (c: TestClient) => [
      c.get('/api/v1/users'),
      c.get(`/api/v1/users/${target.id}`),
      c.post('/api/v1/users', newTeacher()),
      c.post('/api/v1/users/login-preview', { firstName: 'A', lastName: 'B' }),
      c.patch(`/api/v1/users/${target.id}`, { version: 1, lastName: 'Pirate' }),
      c.post(`/api/v1/users/${target.id}/password-reset`),
      c.post(`/api/v1/users/${target.id}/hide`),
      c.post(`/api/v1/users/${target.id}/restore`),
    ];
    for (const res of await Promise.all(calls(new TestClient(ctx.app)))) expect(res.statusCode).toBe(401);
    for (const profile of ['teacher', 'learner', 'parent'] as const) {
      const { client } = await signedIn(ctx, est, [profile]);
      for (const res of await Promise.all(calls(client))) {
        expect(res.statusCode, `${profile} ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('common.forbidden');
      }
    }
    const row = await ctx.db.selectFrom('users').select(['last_name', 'version', 'hidden_at']).where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ last_name: 'Nom', version: 1, hidden_at: null });
    expect(await mailsTo(ctx, 'target@ac-test.fr')).toHaveLength(0);
  });

  it('answers 400, never 5xx, to malformed ids and hostile queries', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    for (const url of ['/api/v1/users/%00', `/api/v1/users/${'x'.repeat(65)}`, '/api/v1/users/a%20b', '/api/v1/users?division=%00', '/api/v1/audit?userId=%00']) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('common.validation');
    }
    // SQL fragments are only words to look for: none of these is in anyone's name or login.
    const search = await client.get(`/api/v1/users?search=${encodeURIComponent("%'; DROP TABLE users_table; --")}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(0);
    // A NUL character is refused everywhere (PostgreSQL cannot store it).
    expect((await client.get(`/api/v1/users?search=${encodeURIComponent('a\u0000b')}`)).statusCode).toBe(400);
  });

  it("gives another establishment's administrator 404 on every user, and never lists them", async () => {
    const a = await makeReadyEstablishment(ctx.deps);
    const b = await makeReadyEstablishment(ctx.deps);
    const target = await makeUser(ctx.deps, a.id, { email: 'victim@ac-test.fr', last_name: 'Victime' });
    const { client } = await signedIn(ctx, b);
    for (const res of [
      await client.get(`/api/v1/users/${target.id}`),
      await client.patch(`/api/v1/users/${target.id}`, { version: 1, lastName: 'Pirate' }),
      await client.post(`/api/v1/users/${target.id}/password-reset`),
      await client.post(`/api/v1/users/${target.id}/hide`),
      await client.post(`/api/v1/users/${target.id}/restore`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('users.not_found');
    }
    expect((await client.get('/api/v1/users?search=victime')).json().total).toBe(0);
    const foreignClass = await makeClass(ctx.deps, a.id, 'ZZ1');
    expect((await client.get(`/api/v1/users?division=${foreignClass.id}`)).json().total).toBe(0);
    const row = await ctx.db.selectFrom('users').select(['last_name', 'version']).where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ last_name: 'Victime', version: 1 });
    expect(await mailsTo(ctx, 'victim@ac-test.fr')).toHaveLength(0);
  });
});

describe('Gestion des utilisateurs: mails on a real SMTP server', () => {
  it('delivers the two credential mails of a new user', async () => {
    const est = await makeReadyEstablishment(ctx.deps, 'Lycée SMTP');
    const { client } = await signedIn(ctx, est);
    const sink = await startSmtpSink();
    try {
      const res = await client.post('/api/v1/users', { lastName: 'Garnier', firstName: 'Zoé', profiles: ['teacher'], email: 'zoe.garnier@ac-test.fr' });
      expect(res.statusCode).toBe(201);
      const dispatcher = createMailDispatcher({ ...ctx.deps, config: { ...ctx.config, smtpUrl: sink.url } }, { intervalMs: 0 });
      await dispatcher.runOnce();
      await dispatcher.stop();
      const received = sink.received.filter((m) => m.to.includes('zoe.garnier@ac-test.fr'));
      expect(received).toHaveLength(2);
      const loginMail = received.find((m) => m.subject.includes('identifiant'))!;
      const passwordMail = received.find((m) => m.subject.includes('mot de passe'))!;
      expect(loginMail.text).toContain('zoe.garnier');
      expect(loginMail.text).toContain(`${ctx.config.publicUrl}/${est.uai}`);
      const password = /mot de passe provisoire Cerise Pro : (\S+)/.exec(passwordMail.text)![1]!;
      await new TestClient(ctx.app).login(est.uai, 'zoe.garnier', password);
    } finally {
      await sink.close();
    }
  });
});
