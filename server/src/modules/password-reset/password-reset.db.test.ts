import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_RESET_REQUESTED_MESSAGE } from '@cerise/common';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createMailDispatcher } from '../mail/mail.dispatcher.ts';
import { mailsTo, makeReadyEstablishment } from '../users/users.fixtures.ts';
import { RESET_MAX_PER_ADDRESS, RESET_RESPONSE_FLOOR_MS } from './password-reset.usecases.ts';
import { textToSend } from '../mail/mail.secrets.ts';

/** The text as the dispatcher sends it (the stored one holds a placeholder for the secret). */
const sent = (m: { text_body: string; secret: string | null }) => textToSend(m.text_body, m.secret);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

let ipCounter = 0;
/** Each test comes from its own address, so that the per-address limit stays out of the way. */
function client() {
  const c = new TestClient(ctx.app);
  const ip = `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
  const request = c.request.bind(c);
  c.request = (opts) => request({ ...opts, remoteAddress: ip });
  return c;
}

const linkOf = (text: string) => /(http\S+\/reinitialisation\/([A-Za-z0-9_-]+))/.exec(text);

describe('Mot de passe oublié: the request', () => {
  it('mails a single-use link to an account with an e-mail, and answers the same for anyone', async () => {
    const est = await makeReadyEstablishment(ctx.deps, 'Lycée Oubli');
    const u = await makeUser(ctx.deps, est.id, { email: 'oubli@ac-test.fr', login: 'marie.oubli' });
    const noMail = await makeUser(ctx.deps, est.id, { email: null });
    const hidden = await makeUser(ctx.deps, est.id, { email: 'parti@ac-test.fr', hidden_at: '2026-01-01T00:00:00.000Z' });
    const c = client();
    const answers = [
      await c.post('/api/v1/auth/password-reset/request', { uai: est.uai.toLowerCase(), login: 'Marie.Oubli' }),
      await c.post('/api/v1/auth/password-reset/request', { uai: est.uai, login: 'personne.inconnue' }),
      await c.post('/api/v1/auth/password-reset/request', { uai: '0000000Z', login: 'marie.oubli' }),
      await c.post('/api/v1/auth/password-reset/request', { uai: est.uai, login: noMail.login }),
      await c.post('/api/v1/auth/password-reset/request', { uai: est.uai, login: hidden.login }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ message: PASSWORD_RESET_REQUESTED_MESSAGE });
    }
    const mails = await mailsTo(ctx, 'oubli@ac-test.fr');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.kind).toBe('password_reset.link');
    expect(mails[0]!.subject).toContain('Lycée Oubli');
    const link = linkOf(sent(mails[0]!))!;
    expect(link[1]).toBe(`${ctx.config.publicUrl}/${est.uai}/reinitialisation/${link[2]}`);
    expect(mails[0]!.text_body).toMatch(/dans l'heure/);
    expect(await mailsTo(ctx, 'parti@ac-test.fr')).toHaveLength(0);
    // Only a digest of the token is stored.
    const token = await ctx.db.selectFrom('password_reset_tokens').selectAll().where('user_id', '=', u.id).executeTakeFirstOrThrow();
    expect(token.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.token_hash).not.toContain(link[2]);
    expect(token.expires_at).toBe(new Date(ctx.deps.now().getTime() + 60 * 60 * 1000).toISOString());
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'target_id']).where('establishment_id', '=', est.id).execute();
    expect(audit).toEqual([{ action: 'auth.password_reset_requested', target_id: u.id }]);
  });

  it('takes about the same time whether or not the account exists', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    await makeUser(ctx.deps, est.id, { email: 'timing@ac-test.fr', login: 'timing.user' });
    const c = client();
    const time = async (login: string) => {
      const t0 = performance.now();
      await c.post('/api/v1/auth/password-reset/request', { uai: est.uai, login });
      return performance.now() - t0;
    };
    const known = await time('timing.user');
    const unknown = await time('nobody.at.all');
    expect(known).toBeGreaterThanOrEqual(RESET_RESPONSE_FLOOR_MS - 5);
    expect(unknown).toBeGreaterThanOrEqual(RESET_RESPONSE_FLOOR_MS - 5);
    // Both wait for the floor; the gap stays well under a second (no tighter bound on a shared machine).
    expect(Math.abs(known - unknown)).toBeLessThan(1_000);
  });

  it('sends at most 3 links an hour per account, and limits each address', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    await makeUser(ctx.deps, est.id, { email: 'flood@ac-test.fr', login: 'flood.me' });
    for (let i = 0; i < 5; i++) {
      const res = await client().post('/api/v1/auth/password-reset/request', { uai: est.uai, login: 'flood.me' });
      expect(res.statusCode).toBe(202);
    }
    expect(await mailsTo(ctx, 'flood@ac-test.fr')).toHaveLength(3);
    ctx.advance(60 * 60 * 1000 + 1000);
    await client().post('/api/v1/auth/password-reset/request', { uai: est.uai, login: 'flood.me' });
    expect(await mailsTo(ctx, 'flood@ac-test.fr')).toHaveLength(4);

    const c = client();
    for (let i = 0; i < RESET_MAX_PER_ADDRESS; i++) {
      expect((await c.post('/api/v1/auth/password-reset/request', { uai: est.uai, login: `x${i}` })).statusCode).toBe(202);
    }
    const limited = await c.post('/api/v1/auth/password-reset/request', { uai: est.uai, login: 'flood.me' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('common.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('sends nothing while the establishment has no e-mail', async () => {
    const est = await makeEstablishment(ctx.deps, { email: null });
    await makeUser(ctx.deps, est.id, { email: 'noest@ac-test.fr', login: 'no.est' });
    expect((await client().post('/api/v1/auth/password-reset/request', { uai: est.uai, login: 'no.est' })).statusCode).toBe(202);
    expect(await mailsTo(ctx, 'noest@ac-test.fr')).toHaveLength(0);
  });

  it('validates the body', async () => {
    const c = client();
    for (const payload of [{}, { uai: '', login: 'a' }, { uai: 'x', login: 'a'.repeat(101) }, { uai: 1, login: 2 }, { uai: '0869999X', login: 'a\u0000b' }]) {
      const res = await c.post('/api/v1/auth/password-reset/request', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('common.validation');
    }
  });
});

describe('Mot de passe oublié: the new password', () => {
  async function requestLink(email: string, extra: Parameters<typeof makeUser>[2] = {}) {
    const est = await makeReadyEstablishment(ctx.deps);
    const u = await makeUser(ctx.deps, est.id, { email, birth_date: '1990-01-31', ...extra });
    await client().post('/api/v1/auth/password-reset/request', { uai: est.uai, login: u.login });
    const mails = await mailsTo(ctx, email);
    const token = linkOf(sent(mails.at(-1)!))![2]!;
    return { est, u, token };
  }

  it('checks the link, sets the password once, ends every session, and lifts a lockout', async () => {
    const { est, u, token } = await requestLink('confirm@ac-test.fr', { must_change_password: 1 });
    const session = new TestClient(ctx.app);
    await session.login(est.uai, u.login, DEFAULT_PASSWORD);
    const c = client();
    const check = await c.post('/api/v1/auth/password-reset/check', { token });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({ login: u.login, establishment: { uai: est.uai, name: expect.any(String) }, expiresAt: new Date(ctx.deps.now().getTime() + 60 * 60 * 1000).toISOString() });

    for (const [newPassword, code] of [
      ['court', 'account.password_too_short'],
      ['31011990', 'account.password_is_birth_date'],
    ] as const) {
      const res = await c.post('/api/v1/auth/password-reset/confirm', { token, newPassword });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    // Someone hammered the account meanwhile: it is locked…
    for (let i = 0; i < 10; i++) await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: `faux-${i}` });
    expect((await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: DEFAULT_PASSWORD })).statusCode).toBe(429);
    const ok = await c.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'mon-nouveau-secret' });
    expect(ok.statusCode).toBe(204);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    // …until the reset lifts the lock.
    const login = await new TestClient(ctx.app).login(est.uai, u.login, 'mon-nouveau-secret');
    expect(login.mustChangePassword).toBe(false);
    expect((await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: DEFAULT_PASSWORD })).statusCode).toBe(401);

    const again = await c.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'encore-un-autre' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toEqual({ code: 'auth.reset_token_invalid', message: expect.stringContaining('plus valable') });
    expect((await c.post('/api/v1/auth/password-reset/check', { token })).statusCode).toBe(400);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', u.id).where('action', 'like', 'auth.password_reset%').orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.password_reset_requested', 'auth.password_reset_completed']);
  });

  it('expires after one hour, and an older link dies when a newer one is used', async () => {
    const { est, u, token } = await requestLink('expire@ac-test.fr');
    ctx.advance(60 * 60 * 1000 + 1);
    const late = await client().post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'trop-tard-42' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('auth.reset_token_invalid');

    await client().post('/api/v1/auth/password-reset/request', { uai: est.uai, login: u.login });
    const first = linkOf(sent((await mailsTo(ctx, 'expire@ac-test.fr')).at(-1)!))![2]!;
    ctx.advance(1000);
    await client().post('/api/v1/auth/password-reset/request', { uai: est.uai, login: u.login });
    const second = linkOf(sent((await mailsTo(ctx, 'expire@ac-test.fr')).at(-1)!))![2]!;
    expect(second).not.toBe(first);
    expect((await client().post('/api/v1/auth/password-reset/confirm', { token: second, newPassword: 'le-second-lien' })).statusCode).toBe(204);
    expect((await client().post('/api/v1/auth/password-reset/confirm', { token: first, newPassword: 'le-premier-lien' })).statusCode).toBe(400);
  });

  it('refuses unknown or malformed tokens, and a hidden account', async () => {
    const { u, token } = await requestLink('hidden.later@ac-test.fr');
    await ctx.db.updateTable('users').set({ hidden_at: '2026-11-28T09:30:00.000Z' }).where('id', '=', u.id).execute();
    const c = client();
    expect((await c.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'pourtant-valide' })).json().error.code).toBe('auth.reset_token_invalid');
    expect((await c.post('/api/v1/auth/password-reset/confirm', { token: 'A'.repeat(43), newPassword: 'pourtant-valide' })).json().error.code).toBe('auth.reset_token_invalid');
    for (const payload of [{ token: 'court', newPassword: 'x' }, { token: '../../etc/passwd!!!!!!!!!', newPassword: 'xxxxxxxxxx' }, {}]) {
      expect((await c.post('/api/v1/auth/password-reset/confirm', payload)).statusCode).toBe(400);
    }
  });

  it('delivers the link on a real SMTP server', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const u = await makeUser(ctx.deps, est.id, { email: 'smtp.reset@ac-test.fr' });
    const sink = await startSmtpSink();
    try {
      await client().post('/api/v1/auth/password-reset/request', { uai: est.uai, login: u.login });
      const dispatcher = createMailDispatcher({ ...ctx.deps, config: { ...ctx.config, smtpUrl: sink.url } }, { intervalMs: 0 });
      await dispatcher.runOnce();
      await dispatcher.stop();
      const mail = sink.received.find((m) => m.to.includes('smtp.reset@ac-test.fr'))!;
      expect(mail.subject).toMatch(/réinitialisation/);
      const token = linkOf(mail.text)![2]!;
      expect((await client().post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'via-le-vrai-smtp' })).statusCode).toBe(204);
      await new TestClient(ctx.app).login(est.uai, u.login, 'via-le-vrai-smtp');
    } finally {
      await sink.close();
    }
  });
});
