import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_DIVISION_ID, PASSWORD_STATE_LABELS, type PasswordState } from '@cerise/common';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { generateSiecleFiles, makeSchool } from '../siecle/synthetic/generate.ts';
import { importDirect } from '../siecle/siecle.usecases.ts';
import { textToSend } from '../mail/mail.secrets.ts';
import { addGuardian, addMembership, mailsTo, makeClass, makeReadyEstablishment, signedIn } from './users.fixtures.ts';

/*
 * The password state (docs/design.md §4, migration 0008) stays true along every path that changes a
 * password: it always says which password opens the account, and that password does.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const sent = (m: { text_body: string; secret: string | null }) => textToSend(m.text_body, m.secret);
const mailedPassword = async (to: string) => /mot de passe provisoire Cerise Pro : (\S+)/.exec(sent((await mailsTo(ctx, to)).at(-1)!))![1]!;
const canLogIn = async (uai: string, login: string, password: string) =>
  (await new TestClient(ctx.app).post('/api/v1/auth/login', { uai, login, password })).statusCode === 200;

async function family() {
  const est = await makeReadyEstablishment(ctx.deps);
  const { client } = await signedIn(ctx, est);
  const d = await makeClass(ctx.deps, est.id, '2GA1');
  const learner = await makeUser(ctx.deps, est.id, {
    profiles: ['learner'],
    last_name: 'MARTIN',
    first_name: 'Inès',
    birth_date: '2010-03-14',
    email: `ines.${est.id.slice(-8)}@eleve.fr`,
    source: 'siecle',
    password: null,
    initial_password_kind: 'birthdate_ddmmyyyy',
    must_change_password: 1,
  });
  await addMembership(ctx.deps, est.id, learner.id, d.id);
  const parent = await makeUser(ctx.deps, est.id, { profiles: ['parent'], civility: 'Mme', last_name: 'MARTIN', first_name: 'Sophie', email: `sophie.${est.id.slice(-8)}@famille.fr` });
  await addGuardian(ctx.deps, est.id, parent.id, learner.id, 1);
  const stateIn = async (list: 'learners' | 'parents', id: string): Promise<PasswordState> => {
    const body = (await client.get(`/api/v1/access/divisions/${d.id}/${list}`)).json();
    return body[list].find((p: { id: string }) => p.id === id).passwordState;
  };
  const userState = async (id: string): Promise<PasswordState> => (await client.get(`/api/v1/users/${id}`)).json().passwordState;
  return { est, client, d, learner, parent, stateIn, userState };
}

describe('password state: which password works, along every path', () => {
  it('follows a learner through resets by mail, on a letter, back to the birth date, and her own choices', async () => {
    const { est, client, d, learner, stateIn, userState } = await family();
    expect(await stateIn('learners', learner.id)).toBe('birth_date');
    expect(await userState(learner.id)).toBe('birth_date');
    expect(await canLogIn(est.uai, learner.login, '14032010')).toBe(true);

    // Gestion des utilisateurs, by mail: the birth date no longer works, the mailed password does.
    const byMail = await client.post(`/api/v1/users/${learner.id}/password-reset`, { delivery: 'mail' });
    expect(byMail.json()).toMatchObject({ delivery: 'mail', mailsQueued: 2 });
    expect(await stateIn('learners', learner.id)).toBe('temporary_mail');
    expect(await userState(learner.id)).toBe('temporary_mail');
    expect(await canLogIn(est.uai, learner.login, '14032010')).toBe(false);
    expect(await canLogIn(est.uai, learner.login, await mailedPassword(learner.email!))).toBe(true);

    // Accès, « Réinitialiser tous les comptes marqués »: the birth date again.
    expect((await client.post(`/api/v1/access/divisions/${d.id}/learners/reset`, { learnerIds: [learner.id] })).statusCode).toBe(200);
    expect(await stateIn('learners', learner.id)).toBe('birth_date');
    expect(await canLogIn(est.uai, learner.login, '14032010')).toBe(true);

    // On screen, for a letter, although an e-mail is known.
    const onScreen = await client.post(`/api/v1/users/${learner.id}/password-reset`, { delivery: 'letter' });
    expect(onScreen.json()).toMatchObject({ delivery: 'letter', login: learner.login, temporaryPassword: expect.any(String), loginUrl: expect.stringContaining(est.uai) });
    expect(await stateIn('learners', learner.id)).toBe('temporary_letter');
    const temporary = onScreen.json().temporaryPassword as string;

    // The forced change at next login: her own password.
    const session = new TestClient(ctx.app);
    await session.login(est.uai, learner.login, temporary);
    expect((await session.put('/api/v1/account/password', { currentPassword: temporary, newPassword: 'un-secret-bien-a-moi' })).statusCode).toBe(204);
    expect(await stateIn('learners', learner.id)).toBe('chosen');
    expect(await userState(learner.id)).toBe('chosen');

    // Reset by mail again, then « Mot de passe oublié » (the link): chosen again.
    await client.post(`/api/v1/users/${learner.id}/password-reset`);
    expect(await stateIn('learners', learner.id)).toBe('temporary_mail');
    const anonymous = new TestClient(ctx.app);
    expect((await anonymous.post('/api/v1/auth/password-reset/request', { uai: est.uai, login: learner.login })).statusCode).toBe(202);
    const token = /reinitialisation\/([A-Za-z0-9_-]+)/.exec(sent((await mailsTo(ctx, learner.email!)).find((m) => m.kind === 'password_reset.link')!))![1]!;
    expect((await anonymous.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'encore-un-autre-secret' })).statusCode).toBe(204);
    expect(await stateIn('learners', learner.id)).toBe('chosen');
    expect(await canLogIn(est.uai, learner.login, 'encore-un-autre-secret')).toBe(true);
  });

  it('says how a parent got her temporary password: by mail, on screen for a letter, on a PDF letter', async () => {
    const { est, client, d, parent, stateIn } = await family();
    expect(await stateIn('parents', parent.id)).toBe('chosen');
    expect((await client.post(`/api/v1/access/parents/${parent.id}/password-reset`)).json()).toMatchObject({ delivery: 'mail' });
    expect(await stateIn('parents', parent.id)).toBe('temporary_mail');
    const letter = await client.post(`/api/v1/access/parents/${parent.id}/password-reset`, { delivery: 'letter' });
    expect(letter.json()).toMatchObject({ delivery: 'letter', temporaryPassword: expect.any(String) });
    expect(await stateIn('parents', parent.id)).toBe('temporary_letter');
    expect(await canLogIn(est.uai, parent.login, letter.json().temporaryPassword)).toBe(true);
    await client.post(`/api/v1/access/parents/${parent.id}/password-reset`, { delivery: 'mail' });
    expect((await client.post(`/api/v1/access/divisions/${d.id}/parents/letters`, { parentIds: [parent.id] })).statusCode).toBe(200);
    expect(await stateIn('parents', parent.id)).toBe('temporary_letter');
  });

  it('gives an account made by hand without e-mail a new password on screen, which works (never a dead end)', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const created = await client.post('/api/v1/users', { lastName: 'SANSMAIL', firstName: 'Zoé', profiles: ['parent'], email: '' });
    expect(created.statusCode).toBe(201);
    const user = created.json().user;
    expect(user).toMatchObject({ passwordState: 'temporary_screen', canResetPassword: true });
    expect(await canLogIn(est.uai, user.login, created.json().initialPassword)).toBe(true);

    const refused = await client.post(`/api/v1/users/${user.id}/password-reset`, { delivery: 'mail' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('users.no_email');
    const reset = await client.post(`/api/v1/users/${user.id}/password-reset`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ delivery: 'letter', login: user.login });
    expect((await client.get(`/api/v1/users/${user.id}`)).json().passwordState).toBe('temporary_letter');
    expect(await canLogIn(est.uai, user.login, created.json().initialPassword)).toBe(false);
    expect(await canLogIn(est.uai, user.login, reset.json().temporaryPassword)).toBe(true);
    expect(await mailsTo(ctx, '')).toHaveLength(0);
  });

  it('gives a reset on screen even while the establishment has no e-mail, and refuses only the mail', async () => {
    const est = await makeEstablishment(ctx.deps, { email: null });
    const { client } = await signedIn(ctx, est);
    const t = await makeUser(ctx.deps, est.id, { email: 'prof@ac-test.fr' });
    expect((await client.post(`/api/v1/users/${t.id}/password-reset`)).json().error.code).toBe('settings.establishment_incomplete');
    const letter = await client.post(`/api/v1/users/${t.id}/password-reset`, { delivery: 'letter' });
    expect(letter.statusCode).toBe(200);
    expect(await canLogIn(est.uai, t.login, letter.json().temporaryPassword)).toBe(true);
    expect((await client.post(`/api/v1/users/${t.id}/password-reset`, { delivery: 'courrier' })).statusCode).toBe(400);
  });
});

describe('« Sans classe » in Accès and the SIECLE import’s password states', () => {
  it('lists, exports, resets and prints letters for the learners in no division, and the import says which password works', async () => {
    const uai = '0870999K';
    const s = makeSchool({ schoolYear: 2026, uai, learners: 12, departed: 0, inactifs: 0, noClass: 1, siblings: 0, contacts: 0 });
    const est = await makeEstablishment(ctx.deps, { uai, name: 'Lycée Sans Classe' });
    const files = generateSiecleFiles(s);
    await importDirect(ctx.deps, uai, 'teachers', { teachers: { name: `sts_emp_${uai}_2026.xml`, bytes: files.sts } }, { dryRun: false });
    await importDirect(
      ctx.deps,
      uai,
      'learners',
      { eleves: { name: 'ElevesSansAdresses.xml', bytes: files.eleves }, responsables: { name: 'ResponsablesAvecAdresses.xml', bytes: files.responsables } },
      { dryRun: false },
    );
    const { client } = await signedIn(ctx, est);

    expect((await client.get('/api/v1/divisions')).json().learnersWithoutDivision).toBe(1);
    const list = await client.get(`/api/v1/access/divisions/${NO_DIVISION_ID}/learners`);
    expect(list.statusCode).toBe(200);
    expect(list.json().division).toMatchObject({ id: NO_DIVISION_ID, code: 'sans classe', schoolYear: '2026-2027' });
    const [alone] = list.json().learners;
    expect(list.json().learners).toHaveLength(1);
    expect(alone.passwordState).toBe(alone.birthDate ? 'birth_date' : 'temporary_import');
    expect((await client.get(`/api/v1/users/${alone.id}`)).json().divisions).toEqual([]);

    // Every imported learner of a division: the birth date, and it works.
    const d = (await client.get('/api/v1/divisions')).json().divisions[0];
    const inDivision = (await client.get(`/api/v1/access/divisions/${d.id}/learners`)).json().learners;
    const withBirth = inDivision.find((l: { birthDate: string | null }) => l.birthDate);
    expect(withBirth.passwordState).toBe('birth_date');
    const [y, m, day] = (withBirth.birthDate as string).split('-');
    expect(await canLogIn(uai, withBirth.login, `${day}${m}${y}`)).toBe(true);
    // Parents have no birth date: a random password, in the import report (no mail configured here).
    const parents = (await client.get(`/api/v1/access/divisions/${d.id}/parents`)).json().parents;
    expect(parents.length).toBeGreaterThan(0);
    for (const p of parents) expect(p.passwordState).toBe('temporary_import');

    const csv = await client.get(`/api/v1/access/divisions/${NO_DIVISION_ID}/learners.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('apprenants-sans-classe.csv');
    const rows: string[][] = parse(csv.rawPayload, { delimiter: ';', bom: true, record_delimiter: '\r\n' });
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toContain('sans classe');
    expect(rows[1]).toContain(PASSWORD_STATE_LABELS[alone.passwordState as PasswordState]);

    if (alone.canReset) {
      const reset = await client.post(`/api/v1/access/divisions/${NO_DIVISION_ID}/learners/reset`, { learnerIds: [alone.id] });
      expect(reset.json().reset).toEqual([{ id: alone.id, login: alone.login }]);
    }
    const stranger = inDivision[0].id;
    expect((await client.post(`/api/v1/access/divisions/${NO_DIVISION_ID}/learners/reset`, { learnerIds: [stranger] })).statusCode).toBe(404);

    const theirParents = (await client.get(`/api/v1/access/divisions/${NO_DIVISION_ID}/parents`)).json().parents;
    expect(theirParents.length).toBeGreaterThan(0);
    for (const p of theirParents) expect(p.children.map((c: { id: string }) => c.id)).toContain(alone.id);
    const letters = await client.post(`/api/v1/access/divisions/${NO_DIVISION_ID}/parents/letters`, { parentIds: [theirParents[0].id] });
    expect(letters.statusCode).toBe(200);
    expect(letters.headers['content-disposition']).toContain('lettres-parents-sans-classe.pdf');
    expect((await client.get(`/api/v1/access/divisions/${NO_DIVISION_ID}/parents`)).json().parents.find((p: { id: string }) => p.id === theirParents[0].id).passwordState).toBe('temporary_letter');
  });
});
