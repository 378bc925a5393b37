import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { newId } from '../../util/ids.ts';
import { insertResetToken } from '../password-reset/password-reset.repository.ts';

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

/** A reset link asked for earlier (perhaps by whoever stole the session), still pending. */
const pendingLink = (userId: string) =>
  insertResetToken(ctx.db, {
    id: newId(),
    establishmentId: est.id,
    userId,
    tokenHash: createHash('sha256').update(newId()).digest('hex'),
    createdAt: '2026-11-28T08:30:00.000Z',
    expiresAt: '2026-11-28T09:30:00.000Z',
    ip: null,
  });

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
    const bad = await c.put('/api/v1/account/email', { email: 'pas-une-adresse', currentPassword: DEFAULT_PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('common.validation');
    expect((await c.put('/api/v1/account/email', { email: 'prof@ac-poitiers.fr', currentPassword: DEFAULT_PASSWORD })).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).json().user.email).toBe('prof@ac-poitiers.fr');
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'details']).where('actor_id', '=', u.id).where('action', '=', 'account.email_changed').execute();
    expect(audit).toHaveLength(1);
  });

  it('asks for the current password, tells the former address, and cancels pending reset links (docs/security.md)', async () => {
    const { u, c } = await signedIn({ email: 'ancienne@example.org' });
    await pendingLink(u.id);
    const pending = () =>
      ctx.db.selectFrom('password_reset_tokens').select('id').where('user_id', '=', u.id).where('used_at', 'is', null).execute();
    expect(await pending()).toHaveLength(1);

    const refused = await c.put('/api/v1/account/email', { email: 'pirate@example.org', currentPassword: 'devine' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('account.wrong_current_password');
    expect((await c.put('/api/v1/account/email', { email: 'pirate@example.org' })).statusCode).toBe(400);
    expect((await ctx.db.selectFrom('users').select('email').where('id', '=', u.id).executeTakeFirstOrThrow()).email).toBe('ancienne@example.org');

    expect((await c.put('/api/v1/account/email', { email: 'nouvelle@example.org', currentPassword: DEFAULT_PASSWORD })).statusCode).toBe(204);
    expect(await pending()).toHaveLength(0);
    const notice = await ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'ancienne@example.org').where('kind', '=', 'account.email_changed').execute();
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text_body).toContain('nouvelle@example.org');
  });

  it('a password change cancels pending reset links (docs/security.md)', async () => {
    const { u, c } = await signedIn({ email: 'moi@example.org' });
    await pendingLink(u.id);
    const pending = () =>
      ctx.db.selectFrom('password_reset_tokens').select('id').where('user_id', '=', u.id).where('used_at', 'is', null).execute();
    expect(await pending()).toHaveLength(1);
    expect((await c.put('/api/v1/account/password', { currentPassword: DEFAULT_PASSWORD, newPassword: 'tout-nouveau-43' })).statusCode).toBe(204);
    expect(await pending()).toHaveLength(0);
  });

  it('needs a session', async () => {
    const res = await new TestClient(ctx.app).put('/api/v1/account/email', { email: 'a@b.fr', currentPassword: DEFAULT_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });
});
