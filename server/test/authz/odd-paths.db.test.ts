import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createTestApp, TEST_ORIGIN, type TestContext } from '../harness.ts';
import { makeEstablishment, makeUser } from '../factories.ts';
import { clientFor } from '../sessions.ts';

/**
 * The guard decides from the matched route's own rule, not from how the address is written: a
 * probe reached `GET /%61pi/v1/users` without the guard (security issue, finding "Guard").
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const ODD = ['/%61pi/v1/users', '/%61%70%69/v1/users', '//api/v1/users', '/api/./v1/users', '/api/v1/users/', '/API/v1/users', '/Api/v1/Users', '/api/v1/%75sers'];

describe('the guard on oddly written addresses', () => {
  it('never serves an admin route to someone without a session or with another profile', async () => {
    const est = await makeEstablishment(ctx.deps);
    const teacher = await clientFor(ctx, await makeUser(ctx.deps, est.id, { profiles: ['teacher'] }));
    const admin = await clientFor(ctx, await makeUser(ctx.deps, est.id, { profiles: ['administrator'] }));
    let servedToAdmin = 0;
    for (const url of ODD) {
      const anonymous = await ctx.app.inject({ method: 'GET', url });
      expect([401, 404], `${url} anonymous: ${anonymous.statusCode}`).toContain(anonymous.statusCode);
      expect(anonymous.json().error.code).toMatch(/^(auth\.unauthenticated|common\.not_found)$/);
      const asTeacher = await teacher.get(url);
      expect([403, 404], `${url} as teacher: ${asTeacher.statusCode}`).toContain(asTeacher.statusCode);
      if ((await admin.get(url)).statusCode === 200) servedToAdmin++;
    }
    // The encoded forms do reach the route (which is why the guard must not read the address).
    expect(servedToAdmin).toBeGreaterThan(0);
  });

  it('checks Origin on state changes whatever the spelling of the address', async () => {
    const est = await makeEstablishment(ctx.deps);
    const admin = await clientFor(ctx, await makeUser(ctx.deps, est.id, { profiles: ['administrator'] }));
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/%61pi/v1/users/login-preview',
      headers: { cookie: admin.cookie!, origin: 'https://evil.example', 'content-type': 'application/json' },
      payload: { firstName: 'Jean', lastName: 'DUPONT' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.origin_mismatch');
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/%61pi/v1/users/login-preview',
      headers: { cookie: admin.cookie!, origin: TEST_ORIGIN, 'content-type': 'application/json' },
      payload: { firstName: 'Jean', lastName: 'DUPONT' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('sends Cache-Control: no-store on API answers by default', async () => {
    const est = await makeEstablishment(ctx.deps);
    const admin = await clientFor(ctx, await makeUser(ctx.deps, est.id, { profiles: ['administrator'] }));
    for (const url of ['/api/v1/auth/me', '/api/v1/users', '/api/health']) {
      expect((await admin.get(url)).headers['cache-control'], url).toBe('no-store');
    }
  });

  it('refuses to start with a route that declares no rule', async () => {
    const app = await createApp(ctx.deps, { webDist: '/nonexistent' });
    expect(() => app.get('/api/v1/oubli', async () => ({ ok: true }))).toThrow(/no auth rule/);
    expect(() => app.get('/ailleurs', async () => 'x')).toThrow(/no auth rule/);
    await app.close();
  });
});
