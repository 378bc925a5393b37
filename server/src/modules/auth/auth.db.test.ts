import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, TEST_ORIGIN, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { digestInitialSecret } from './passwords.ts';

let ctx: TestContext;
let est: { id: string; uai: string };

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps, { name: 'Lycée Test' });
});
afterAll(() => ctx.close());

describe('login', () => {
  it('opens a session with an httpOnly SameSite=Lax cookie and returns profiles and modules', async () => {
    const u = await makeUser(ctx.deps, est.id, { profiles: ['administrator', 'teacher'] });
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: TEST_ORIGIN },
      payload: { uai: est.uai, login: u.login, password: DEFAULT_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.profiles).toEqual(['administrator', 'teacher']);
    expect(body.profiles).toEqual(['administrator', 'teacher']); // also at the top level (CONTRACT: « the user with profiles and modules »)
    expect(body.login).toBe(u.login);
    expect(body.user.modules).toEqual(['imports', 'users', 'access', 'settings', 'scenarios', 'evaluations', 'passport', 'dashboard']);
    expect(body.establishment).toEqual({ uai: est.uai, name: 'Lycée Test' });
    expect(body.mustChangePassword).toBe(false);
    expect(JSON.stringify(body)).not.toMatch(/password_hash|argon2/);
    const cookie = res.cookies.find((c) => c.name === 'cerise_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
  });

  it('accepts the UAI and login whatever their case', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const c = new TestClient(ctx.app);
    const res = await c.post('/api/v1/auth/login', { uai: est.uai.toLowerCase(), login: u.login.toUpperCase(), password: DEFAULT_PASSWORD });
    expect(res.statusCode).toBe(200);
  });

  it('gives the same answer for a wrong password, an unknown login and an unknown establishment', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const c = new TestClient(ctx.app);
    const answers = await Promise.all([
      c.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: 'wrong-password' }),
      c.post('/api/v1/auth/login', { uai: est.uai, login: 'nobody.here', password: 'wrong-password' }),
      c.post('/api/v1/auth/login', { uai: '0000000Z', login: u.login, password: DEFAULT_PASSWORD }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'auth.invalid_credentials', message: 'Identifiant ou mot de passe incorrect.' } });
    }
  });

  it('rotates the session id at every login and revokes the former one', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const c = new TestClient(ctx.app);
    await c.login(est.uai, u.login, DEFAULT_PASSWORD);
    const first = c.cookie;
    await c.login(est.uai, u.login, DEFAULT_PASSWORD);
    expect(c.cookie).not.toBe(first);
    const old = new TestClient(ctx.app);
    old.cookie = first;
    // A new login in the same browser revokes the token its former cookie held (docs/security.md).
    expect((await old.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    // A login from another browser leaves the first one signed in.
    await new TestClient(ctx.app).login(est.uai, u.login, DEFAULT_PASSWORD);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('refuses hidden accounts', async () => {
    const u = await makeUser(ctx.deps, est.id, { hidden_at: '2026-01-01T00:00:00.000Z' });
    const res = await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: DEFAULT_PASSWORD });
    expect(res.statusCode).toBe(401);
  });

  it('rejects malformed bodies with 400 and the error shape', async () => {
    const c = new TestClient(ctx.app);
    for (const payload of [{}, { uai: 1, login: [], password: null }, { uai: 'x'.repeat(5000), login: 'a', password: 'b' }]) {
      const res = await c.post('/api/v1/auth/login', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('common.validation');
    }
    const raw = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' }, payload: '{"uai":' });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().error.code).toBeTruthy();
  });
});

describe('initial passwords (docs/design.md §4)', () => {
  it('lets a learner in with jjmmaaaa and forces a new password', async () => {
    const u = await makeUser(ctx.deps, est.id, {
      profiles: ['learner'],
      password: null,
      birth_date: '2009-04-05',
      initial_password_kind: 'birthdate_ddmmyyyy',
      must_change_password: 1,
    });
    const c = new TestClient(ctx.app);
    expect((await c.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: '2009-04-05' })).statusCode).toBe(401);
    const res = await c.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: '05042009' });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    // Until the password is changed, only me, logout and the password change are allowed.
    const me = await c.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ login: u.login, profiles: ['learner'], modules: ['evaluations', 'passport', 'dashboard'], mustChangePassword: true });
    const blocked = await c.put('/api/v1/account/email', { email: 'a@b.fr', currentPassword: '05042009' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.password_change_required');
    const changed = await c.put('/api/v1/account/password', { currentPassword: '05042009', newPassword: 'un-nouveau-secret' });
    expect(changed.statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await c.put('/api/v1/account/email', { email: 'a@b.fr', currentPassword: 'un-nouveau-secret' })).statusCode).toBe(204);
    // The birth date no longer works; the new password does.
    const again = new TestClient(ctx.app);
    expect((await again.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: '05042009' })).statusCode).toBe(401);
    expect((await again.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: 'un-nouveau-secret' })).statusCode).toBe(200);
  });

  it('lets staff in with aaaa-mm-jj', async () => {
    const u = await makeUser(ctx.deps, est.id, { password: null, birth_date: '1980-06-21', initial_password_kind: 'birthdate_iso', must_change_password: 1 });
    const res = await new TestClient(ctx.app).post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: '1980-06-21' });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
  });

  it('checks a random initial secret', async () => {
    const u = await makeUser(ctx.deps, est.id, { profiles: ['parent'], password: null, initial_password_kind: 'random', initial_secret_hash: digestInitialSecret('Xk7pQ2mZr9'), must_change_password: 1 });
    const c = new TestClient(ctx.app);
    expect((await c.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: 'Xk7pQ2mZr8' })).statusCode).toBe(401);
    expect((await c.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: 'Xk7pQ2mZr9' })).statusCode).toBe(200);
  });
});

describe('brute force', () => {
  it('makes further attempts wait after 10 failures in 15 minutes, even with the right password', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const c = new TestClient(ctx.app);
    for (let i = 0; i < 10; i++) {
      expect((await c.request({ method: 'POST', url: '/api/v1/auth/login', payload: { uai: est.uai, login: u.login, password: `bad-${i}` }, headers: { 'x-forwarded-for': `10.0.0.${i}` } })).statusCode).toBe(401);
    }
    const blocked = await c.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: DEFAULT_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('auth.too_many_attempts');
    expect(blocked.json().error.message).toMatch(/Réessayez dans \d+ minute/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    ctx.advance(15 * 60 * 1000 + 1000);
    expect((await c.post('/api/v1/auth/login', { uai: est.uai, login: u.login, password: DEFAULT_PASSWORD })).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('ends on logout', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const c = new TestClient(ctx.app);
    await c.login(est.uai, u.login, DEFAULT_PASSWORD);
    const token = c.cookie;
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const stale = new TestClient(ctx.app);
    stale.cookie = token;
    expect((await stale.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('expires after 2 hours idle, and 12 hours after login in any case', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const c = new TestClient(ctx.app);
    await c.login(est.uai, u.login, DEFAULT_PASSWORD);
    ctx.advance(2 * 60 * 60 * 1000 + 1000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);

    const d = new TestClient(ctx.app);
    await d.login(est.uai, u.login, DEFAULT_PASSWORD);
    for (let i = 0; i < 13; i++) {
      ctx.advance(60 * 60 * 1000);
      const res = await d.get('/api/v1/auth/me');
      if (i < 11) expect(res.statusCode).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('is not accepted from a hidden account', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const c = new TestClient(ctx.app);
    await c.login(est.uai, u.login, DEFAULT_PASSWORD);
    await ctx.db.updateTable('users').set({ hidden_at: '2026-11-28T10:00:00.000Z' }).where('id', '=', u.id).execute();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('Origin check', () => {
  it('refuses a state change from another origin, or with a cookie and no Origin', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const c = new TestClient(ctx.app);
    await c.login(est.uai, u.login, DEFAULT_PASSWORD);
    const evil = await c.request({ method: 'PUT', url: '/api/v1/account/email', payload: { email: 'x@y.fr', currentPassword: DEFAULT_PASSWORD }, headers: { origin: 'https://evil.example' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('auth.origin_mismatch');
    const none = await ctx.app.inject({ method: 'PUT', url: '/api/v1/account/email', payload: { email: 'x@y.fr', currentPassword: DEFAULT_PASSWORD }, headers: { cookie: c.cookie! } });
    expect(none.statusCode).toBe(403);
    const row = await ctx.db.selectFrom('users').select('email').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.email).toBeNull();
  });
});

describe('establishment lookup for the login page', () => {
  it('gives the name of a known UAI and 404 otherwise', async () => {
    const c = new TestClient(ctx.app);
    expect((await c.get(`/api/v1/auth/establishments/${est.uai}`)).json()).toEqual({ uai: est.uai, name: 'Lycée Test' });
    const missing = await c.get('/api/v1/auth/establishments/0000000Z');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('auth.establishment_not_found');
  });
});
