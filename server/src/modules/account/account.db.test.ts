import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';

let ctx: TestContext;
let est: { id: string; uai: string };
beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps);
});
afterAll(() => ctx.close());

async function signedIn(extra: Parameters<typeof makeUser>[2] = {}) {
  const u = await makeUser(ctx.deps, est.id, { birth_date: '1990-01-31', ...extra });
  const c = new TestClient(ctx.app);
  await c.login(est.uai, u.login, DEFAULT_PASSWORD);
  return { u, c };
}

describe('Mon compte: password', () => {
  it('asks for the current password', async () => {
    const { c } = await signedIn();
    const res = await c.put('/api/v1/account/password', { currentPassword: 'not-it', newPassword: 'abcdefgh12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'account.wrong_current_password', message: 'Le mot de passe actuel est incorrect.' });
  });

  it('enforces the policy: 8 characters, not the birth date, not the same', async () => {
    const { c } = await signedIn();
    const cases: [string, string][] = [
      ['court', 'account.password_too_short'],
      ['31011990', 'account.password_is_birth_date'],
      ['1990-01-31', 'account.password_is_birth_date'],
      [DEFAULT_PASSWORD, 'account.password_unchanged'],
    ];
    for (const [newPassword, code] of cases) {
      const res = await c.put('/api/v1/account/password', { currentPassword: DEFAULT_PASSWORD, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
  });

  it('changes it, revokes the other sessions, and audits it', async () => {
    const { u, c } = await signedIn();
    const other = new TestClient(ctx.app);
    await other.login(est.uai, u.login, DEFAULT_PASSWORD);
    expect((await c.put('/api/v1/account/password', { currentPassword: DEFAULT_PASSWORD, newPassword: 'tout-nouveau-42' })).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    const row = await ctx.db.selectFrom('users').select(['password_hash', 'must_change_password']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('actor_id', '=', u.id).execute();
    expect(audit.map((a) => a.action)).toContain('account.password_changed');
  });
});

describe('Mon compte: e-mail', () => {
  it('validates and saves the address, audited', async () => {
    const { u, c } = await signedIn();
    const bad = await c.put('/api/v1/account/email', { email: 'pas-une-adresse' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('common.validation');
    expect((await c.put('/api/v1/account/email', { email: 'prof@ac-poitiers.fr' })).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).json().user.email).toBe('prof@ac-poitiers.fr');
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'details']).where('actor_id', '=', u.id).where('action', '=', 'account.email_changed').execute();
    expect(audit).toHaveLength(1);
  });

  it('needs a session', async () => {
    const res = await new TestClient(ctx.app).put('/api/v1/account/email', { email: 'a@b.fr' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });
});
