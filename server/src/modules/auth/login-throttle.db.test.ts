import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import type * as Passwords from './passwords.ts';

// Counts the real password checks (argon2 or initial secret) done by the login use case.
const checks = vi.hoisted(() => ({ n: 0 }));
vi.mock('./passwords.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Passwords>();
  return {
    ...real,
    checkUserPassword: async (...args: Parameters<typeof real.checkUserPassword>) => {
      checks.n++;
      return real.checkUserPassword(...args);
    },
  };
});

let ctx: TestContext;
let est: { id: string; uai: string };

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps, { name: 'Lycée Throttle' });
});
afterAll(() => ctx.close());

const attempt = (login: string, password: string, ip: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: ip,
    headers: { origin: TEST_ORIGIN },
    payload: { uai: est.uai, login, password },
  });

describe('parallel wrong logins (security audit: race)', () => {
  it('checks at most the limit of passwords out of 100 simultaneous attempts from 4 addresses, and the right one then fails', async () => {
    const u = await makeUser(ctx.deps, est.id);
    checks.n = 0;
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(u.login, `wrong-${i}`, `10.1.0.${i % 4}`)));
    const checked = checks.n;
    console.info(`[throttle] passwords checked out of 100 parallel attempts: ${checked}`);
    expect(burst.filter((r) => r.statusCode === 401).length).toBe(checked);
    expect(burst.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    expect(checked).toBeLessThanOrEqual(30);

    // A second burst of 50, the right password among them, from the same and from fresh addresses.
    const second = await Promise.all(
      Array.from({ length: 50 }, (_, i) => attempt(u.login, i % 10 === 5 ? DEFAULT_PASSWORD : `again-${i}`, `10.2.0.${i % 5}`)),
    );
    expect(second.filter((r) => r.statusCode === 200)).toHaveLength(0);
    expect(checks.n).toBeLessThanOrEqual(30);
  });
});

describe('lockout as a weapon (docs/security.md)', () => {
  it('one address cannot keep the owner out from another address', async () => {
    const u = await makeUser(ctx.deps, est.id);
    for (let i = 0; i < 40; i++) {
      const res = await attempt(u.login, `guess-${i}`, '10.3.0.1');
      expect(res.statusCode).toBe(i < 10 ? 401 : 429);
    }
    expect((await attempt(u.login, DEFAULT_PASSWORD, '10.3.0.1')).statusCode).toBe(429);
    expect((await attempt(u.login, DEFAULT_PASSWORD, '192.0.2.7')).statusCode).toBe(200);
  });

  it('an address waits twice as long after each further failure, and a success there starts over', async () => {
    const u = await makeUser(ctx.deps, est.id);
    for (let i = 0; i < 10; i++) expect((await attempt(u.login, `guess-${i}`, '10.4.0.1')).statusCode).toBe(401);
    const blocked = await attempt(u.login, 'x', '10.4.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toMatch(/Réessayez dans 15 minutes/);
    ctx.advance(15 * 60 * 1000);
    expect((await attempt(u.login, 'again', '10.4.0.1')).statusCode).toBe(401);
    expect(Number((await attempt(u.login, 'x', '10.4.0.1')).headers['retry-after'])).toBe(30 * 60);
    ctx.advance(30 * 60 * 1000);
    expect((await attempt(u.login, DEFAULT_PASSWORD, '10.4.0.1')).statusCode).toBe(200);
    expect((await attempt(u.login, 'typo', '10.4.0.1')).statusCode).toBe(401);
  });

  it('many addresses lock the account for unknown addresses, not for one the owner signed in from', async () => {
    const u = await makeUser(ctx.deps, est.id);
    expect((await attempt(u.login, DEFAULT_PASSWORD, '198.51.100.9')).statusCode).toBe(200);
    for (let i = 0; i < 30; i++) expect((await attempt(u.login, `guess-${i}`, `10.5.${i}.1`)).statusCode).toBe(401);
    expect((await attempt(u.login, DEFAULT_PASSWORD, '10.5.99.1')).statusCode).toBe(429);
    expect((await attempt(u.login, DEFAULT_PASSWORD, '198.51.100.9')).statusCode).toBe(200);
  });
});

describe('trace (docs/security.md)', () => {
  it('writes failures and the lock they start to the Journal des actions with the address, and to the log at info', async () => {
    const u = await makeUser(ctx.deps, est.id);
    const info = vi.spyOn(ctx.deps.log, 'info');
    for (let i = 0; i < 11; i++) await attempt(u.login, `guess-${i}`, '10.6.0.1');
    const rows = await ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', u.id).orderBy('id').execute();
    expect(rows.filter((r) => r.action === 'auth.login_failed')).toHaveLength(10);
    const locked = rows.filter((r) => r.action === 'auth.login_locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]!.ip).toBe('10.6.0.1');
    expect(rows.every((r) => r.ip === '10.6.0.1' && r.establishment_id === est.id)).toBe(true);
    const events = info.mock.calls.map((c) => (c[0] as { event?: string }).event);
    expect(events.filter((e) => e === 'auth.login_failed')).toHaveLength(10);
    expect(events).toContain('auth.login_locked');
    expect(events).toContain('auth.login_throttled');
    info.mockRestore();
  });
});
