import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createMailDispatcher } from '../mail/mail.dispatcher.ts';
import { addGuardian, addMembership, mailsTo, makeClass, makeReadyEstablishment, signedIn } from '../users/users.fixtures.ts';
import { pdfLines } from '../../../test/pdf-text.ts';
import { textToSend } from '../mail/mail.secrets.ts';

/** The text as the dispatcher sends it (the stored one holds a placeholder for the secret). */
const sent = (m: { text_body: string; secret: string | null }) => textToSend(m.text_body, m.secret);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());


/** A class with learners (one without birth date), parents, and a learner of another class. */
async function classWithFamilies(est: { id: string }) {
  const d = await makeClass(ctx.deps, est.id, '2GA1');
  const other = await makeClass(ctx.deps, est.id, '1GA1');
  const ines = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'MARTIN', first_name: 'Inès', birth_date: '2010-03-14', source: 'siecle', login: `ines.martin.${est.id.slice(-8)}` });
  const lucas = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'BERNARD', first_name: 'Lucas', birth_date: '2010-07-02', source: 'siecle', last_login_at: '2026-11-20T07:30:00.000Z' });
  const nobirth = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'ZORRO', first_name: '=SOMME(A1:A9)', birth_date: null, source: 'siecle' });
  const gone = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'PARTI', first_name: 'Paul', birth_date: '2010-01-01', hidden_at: '2026-10-01T00:00:00.000Z' });
  const elsewhere = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'AILLEURS', first_name: 'Eva', birth_date: '2009-01-01' });
  for (const l of [ines, lucas, nobirth, gone]) await addMembership(ctx.deps, est.id, l.id, d.id);
  await addMembership(ctx.deps, est.id, elsewhere.id, other.id);
  const mother = await makeUser(ctx.deps, est.id, { profiles: ['parent'], last_name: 'MARTIN', first_name: 'Sophie', civility: 'Mme', email: `sophie.${est.id.slice(-8)}@famille.fr`, source: 'siecle' });
  const father = await makeUser(ctx.deps, est.id, { profiles: ['parent'], last_name: 'BERNARD', first_name: 'Łukasz', civility: 'M.', email: null, source: 'siecle' });
  const otherParent = await makeUser(ctx.deps, est.id, { profiles: ['parent'], last_name: 'AILLEURS', first_name: 'Jean' });
  await addGuardian(ctx.deps, est.id, mother.id, ines.id, 1);
  await addGuardian(ctx.deps, est.id, father.id, lucas.id, 1);
  await addGuardian(ctx.deps, est.id, father.id, elsewhere.id, 2);
  await addGuardian(ctx.deps, est.id, otherParent.id, elsewhere.id, 1);
  return { d, other, ines, lucas, nobirth, gone, elsewhere, mother, father, otherParent };
}

describe('Accès apprenants', () => {
  it("lists a class's visible learners with login, birth date and last login", async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const f = await classWithFamilies(est);
    const res = await client.get(`/api/v1/access/divisions/${f.d.id}/learners`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.division).toEqual({ id: f.d.id, code: '2GA1', label: 'Classe 2GA1', schoolYear: '2026-2027' });
    expect(body.learners.map((l: { id: string }) => l.id)).toEqual([f.lucas.id, f.ines.id, f.nobirth.id]);
    expect(body.learners[0]).toEqual({
      id: f.lucas.id,
      login: f.lucas.login,
      civility: null,
      lastName: 'BERNARD',
      firstName: 'Lucas',
      birthDate: '2010-07-02',
      lastLoginAt: '2026-11-20T07:30:00.000Z',
      mustChangePassword: false,
      passwordState: 'chosen',
      canReset: true,
    });
    expect(body.learners[2].canReset).toBe(false);
  });

  it('« CSV de la division »: ; separator, UTF-8 BOM, CRLF, formulas neutralised — parsed back', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const f = await classWithFamilies(est);
    const res = await client.get(`/api/v1/access/divisions/${f.d.id}/learners.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="apprenants-2GA1.csv"; filename*=UTF-8''apprenants-2GA1.csv`);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const rows: string[][] = parse(raw, { delimiter: ';', bom: true, record_delimiter: '\r\n' });
    expect(rows[0]).toEqual(['Division', 'Nom', 'Prénom', 'Identifiant', 'Date de naissance', 'Mot de passe personnel choisi', 'Mot de passe en vigueur', 'Dernière connexion']);
    expect(rows.slice(1)).toEqual([
      // Division and login as text formulas, kept as text by spreadsheets (server/src/util/csv.ts).
      ['="2GA1"', 'BERNARD', 'Lucas', `="${f.lucas.login}"`, '02/07/2010', 'Oui', 'Choisi par la personne', '20/11/2026 08:30'],
      ['="2GA1"', 'MARTIN', 'Inès', `="${f.ines.login}"`, '14/03/2010', 'Oui', 'Choisi par la personne', ''],
      ['="2GA1"', 'ZORRO', "'=SOMME(A1:A9)", `="${f.nobirth.login}"`, '', 'Oui', 'Choisi par la personne', ''],
    ]);
  });

  it('« Réinitialiser tous les comptes marqués »: back to jjmmaaaa, forced change, sessions ended', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est);
    const f = await classWithFamilies(est);
    const session = new TestClient(ctx.app);
    await session.login(est.uai, f.lucas.login, DEFAULT_PASSWORD);
    const res = await client.post(`/api/v1/access/divisions/${f.d.id}/learners/reset`, { learnerIds: [f.lucas.id, f.nobirth.id, f.lucas.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      reset: [{ id: f.lucas.id, login: f.lucas.login }],
      skipped: [{ id: f.nobirth.id, login: f.nobirth.login, reason: 'no_birth_date', message: expect.stringContaining('Date de naissance inconnue') }],
    });
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    const c = new TestClient(ctx.app);
    expect((await c.post('/api/v1/auth/login', { uai: est.uai, login: f.lucas.login, password: DEFAULT_PASSWORD })).statusCode).toBe(401);
    const login = await c.login(est.uai, f.lucas.login, '02072010');
    expect(login.mustChangePassword).toBe(true);
    // Ines was not ticked: unchanged.
    await new TestClient(ctx.app).login(est.uai, f.ines.login, DEFAULT_PASSWORD);
    const list = (await client.get(`/api/v1/access/divisions/${f.d.id}/learners`)).json();
    expect(list.learners.find((l: { id: string }) => l.id === f.lucas.id).mustChangePassword).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'target_id']).where('actor_id', '=', admin.id).where('action', 'like', 'access.%').execute();
    expect(audit).toEqual([{ action: 'access.learner_reset', target_id: f.lucas.id }]);
  });

  it('changes nothing when one ticked learner is not of the class (404)', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const f = await classWithFamilies(est);
    for (const intruder of [f.elsewhere.id, f.gone.id, f.mother.id, 'inconnu']) {
      const res = await client.post(`/api/v1/access/divisions/${f.d.id}/learners/reset`, { learnerIds: [f.ines.id, intruder] });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('access.learner_not_found');
    }
    await new TestClient(ctx.app).login(est.uai, f.ines.login, DEFAULT_PASSWORD);
    expect((await client.post(`/api/v1/access/divisions/${f.d.id}/learners/reset`, { learnerIds: [] })).statusCode).toBe(400);
    expect((await client.post(`/api/v1/access/divisions/${f.d.id}/learners/reset`, {})).statusCode).toBe(400);
    expect((await client.get('/api/v1/access/divisions/inconnue/learners')).json().error.code).toBe('access.division_not_found');
  });
});

describe('Accès parents', () => {
  it('lists the parents of a class with all their children', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const f = await classWithFamilies(est);
    const res = await client.get(`/api/v1/access/divisions/${f.d.id}/parents`);
    expect(res.statusCode).toBe(200);
    const parents = res.json().parents;
    expect(parents.map((p: { id: string }) => p.id)).toEqual([f.father.id, f.mother.id]);
    expect(parents[0]).toMatchObject({
      login: f.father.login,
      civility: 'M.',
      email: null,
      children: [
        { id: f.elsewhere.id, divisions: ['1GA1'], level: 2 },
        { id: f.lucas.id, lastName: 'BERNARD', firstName: 'Lucas', divisions: ['2GA1'], level: 1 },
      ],
    });
  });

  it("resets a parent's password by mail when the address is known, else returns it once for a letter", async () => {
    const est = await makeReadyEstablishment(ctx.deps, 'Lycée des Familles');
    const { client } = await signedIn(ctx, est);
    const f = await classWithFamilies(est);
    const byMail = await client.post(`/api/v1/access/parents/${f.mother.id}/password-reset`);
    expect(byMail.statusCode).toBe(200);
    expect(byMail.json()).toEqual({ delivery: 'mail', email: f.mother.email, mailsQueued: 2 });
    const mails = await mailsTo(ctx, f.mother.email!);
    expect(mails.map((m) => m.kind)).toEqual(['password_reset.login', 'password_reset.password']);
    const mailed = /mot de passe provisoire Cerise Pro : (\S+)/.exec(sent(mails[1]!))![1]!;
    expect((await new TestClient(ctx.app).login(est.uai, f.mother.login, mailed)).mustChangePassword).toBe(true);

    const byLetter = await client.post(`/api/v1/access/parents/${f.father.id}/password-reset`);
    expect(byLetter.json()).toEqual({ delivery: 'letter', login: f.father.login, temporaryPassword: expect.stringMatching(/^[A-Za-z0-9]{10}$/), loginUrl: `${ctx.config.publicUrl}/${est.uai}` });
    const row = await ctx.db.selectFrom('users').select(['password_hash', 'initial_password_kind', 'initial_secret_hash', 'must_change_password']).where('id', '=', f.father.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ password_hash: null, initial_password_kind: 'random', must_change_password: 1 });
    expect(row.initial_secret_hash).not.toContain(byLetter.json().temporaryPassword);
    await new TestClient(ctx.app).login(est.uai, f.father.login, byLetter.json().temporaryPassword);
    expect((await client.post(`/api/v1/access/parents/${f.ines.id}/password-reset`)).json().error.code).toBe('access.parent_not_found');
  });

  it('prints one letter per parent ticked, each with a fresh temporary password that works', async () => {
    const est = await makeReadyEstablishment(ctx.deps, 'Lycée Œillet');
    await ctx.db.updateTable('establishments').set({ head_name: 'Mme Claire Proviseure', address: '1 rue de la Gare', postal_code: '86000', town: 'Poitiers' }).where('id', '=', est.id).execute();
    const { client, user: admin } = await signedIn(ctx, est);
    const f = await classWithFamilies(est);
    const res = await client.post(`/api/v1/access/divisions/${f.d.id}/parents/letters`, { parentIds: [f.mother.id, f.father.id] });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment; filename="lettres-parents-2GA1.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    const lines = pdfLines(res.rawPayload);
    expect(lines).toContain('Lycée Œillet');
    expect(lines).toContain(`${ctx.config.publicUrl}/${est.uai}`);
    expect(lines).toContain('Mme Claire Proviseure');
    // Families in order of the children's names: Bernard (Łukasz, printed as typed), then Martin.
    const logins = lines.filter((l) => l === f.father.login || l === f.mother.login);
    expect(logins).toEqual([f.father.login, f.mother.login]);
    expect(lines.some((l) => l.includes("À l'attention de M. Łukasz BERNARD"))).toBe(true);
    expect(lines.some((l) => l.includes('Lucas BERNARD (2GA1)'))).toBe(true);
    // The civility chooses the words: « Responsable légale de » and « Madame, » for Mme, the masculine for M.
    expect(lines.some((l) => l.startsWith('Responsable légale de :') && l.includes('Inès MARTIN'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Responsable légal de :') && l.includes('Lucas BERNARD'))).toBe(true);
    expect(lines).toContain('Madame,');
    expect(lines).toContain('Monsieur,');
    expect(lines).not.toContain('Madame, Monsieur,');
    const passwords = lines.map((l, i) => (lines[i - 1] === 'Mot de passe provisoire :' ? l : null)).filter((p): p is string => p !== null);
    expect(passwords).toHaveLength(2);
    await new TestClient(ctx.app).login(est.uai, f.father.login, passwords[0]!);
    await new TestClient(ctx.app).login(est.uai, f.mother.login, passwords[1]!);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', admin.id).where('action', 'like', 'access.%').execute();
    expect(audit.map((a) => a.action)).toEqual(['access.parent_letter', 'access.parent_letter']);

    // A parent not of this class: nothing happens at all.
    const refused = await client.post(`/api/v1/access/divisions/${f.d.id}/parents/letters`, { parentIds: [f.mother.id, f.otherParent.id] });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('access.parent_not_found');
    await new TestClient(ctx.app).login(est.uai, f.mother.login, passwords[1]!);
  });

  it('delivers the reset mails on a real SMTP server', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const f = await classWithFamilies(est);
    const sink = await startSmtpSink();
    try {
      expect((await client.post(`/api/v1/access/parents/${f.mother.id}/password-reset`)).statusCode).toBe(200);
      const dispatcher = createMailDispatcher({ ...ctx.deps, config: { ...ctx.config, smtpUrl: sink.url } }, { intervalMs: 0 });
      await dispatcher.runOnce();
      await dispatcher.stop();
      const received = sink.received.filter((m) => m.to.includes(f.mother.email!));
      expect(received).toHaveLength(2);
      const password = /mot de passe provisoire Cerise Pro : (\S+)/.exec(received.find((m) => m.subject.includes('mot de passe'))!.text)![1]!;
      expect(received.find((m) => m.subject.includes('identifiant'))!.text).toContain(f.mother.login);
      await new TestClient(ctx.app).login(est.uai, f.mother.login, password);
    } finally {
      await sink.close();
    }
  });
});

describe('Accès parents, accès apprenants: who may', () => {
  it('answers 401 without a session and 403 to teachers, learners and parents', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const f = await classWithFamilies(est);
    const calls = (c: TestClient) => [
      c.get(`/api/v1/access/divisions/${f.d.id}/learners`),
      c.get(`/api/v1/access/divisions/${f.d.id}/learners.csv`),
      c.post(`/api/v1/access/divisions/${f.d.id}/learners/reset`, { learnerIds: [f.ines.id] }),
      c.get(`/api/v1/access/divisions/${f.d.id}/parents`),
      c.post(`/api/v1/access/parents/${f.mother.id}/password-reset`),
      c.post(`/api/v1/access/divisions/${f.d.id}/parents/letters`, { parentIds: [f.mother.id] }),
    ];
    for (const res of await Promise.all(calls(new TestClient(ctx.app)))) expect(res.statusCode).toBe(401);
    for (const profile of ['teacher', 'learner', 'parent'] as const) {
      const { client } = await signedIn(ctx, est, [profile]);
      for (const res of await Promise.all(calls(client))) expect(res.statusCode, profile).toBe(403);
    }
    await new TestClient(ctx.app).login(est.uai, f.ines.login, DEFAULT_PASSWORD);
    await new TestClient(ctx.app).login(est.uai, f.mother.login, DEFAULT_PASSWORD);
  });

  it("answers 404 to another establishment's administrator and changes nothing", async () => {
    const a = await makeReadyEstablishment(ctx.deps);
    const f = await classWithFamilies(a);
    const b = await makeEstablishment(ctx.deps, { email: 'b@ac-test.fr' });
    const { client } = await signedIn(ctx, b);
    for (const res of [
      await client.get(`/api/v1/access/divisions/${f.d.id}/learners`),
      await client.get(`/api/v1/access/divisions/${f.d.id}/learners.csv`),
      await client.post(`/api/v1/access/divisions/${f.d.id}/learners/reset`, { learnerIds: [f.ines.id] }),
      await client.get(`/api/v1/access/divisions/${f.d.id}/parents`),
      await client.post(`/api/v1/access/divisions/${f.d.id}/parents/letters`, { parentIds: [f.mother.id] }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('access.division_not_found');
    }
    const parent = await client.post(`/api/v1/access/parents/${f.mother.id}/password-reset`);
    expect(parent.statusCode).toBe(404);
    expect(parent.json().error.code).toBe('access.parent_not_found');
    // B's own class cannot be used to reach A's learners either.
    const mine = await makeClass(ctx.deps, b.id, '2GA1');
    expect((await client.post(`/api/v1/access/divisions/${mine.id}/learners/reset`, { learnerIds: [f.ines.id] })).statusCode).toBe(404);
    expect((await client.post(`/api/v1/access/divisions/${mine.id}/parents/letters`, { parentIds: [f.mother.id] })).statusCode).toBe(404);
    await new TestClient(ctx.app).login(a.uai, f.ines.login, DEFAULT_PASSWORD);
    await new TestClient(ctx.app).login(a.uai, f.mother.login, DEFAULT_PASSWORD);
    expect(await mailsTo(ctx, f.mother.email!)).toHaveLength(0);
  });
});
