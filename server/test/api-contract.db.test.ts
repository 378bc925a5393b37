import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestContext } from './harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const MAY_BE_PUBLIC = (url: string) => url === '/api/health' || url === '/api/openapi.json' || url.startsWith('/api/v1/auth/');
const concrete = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => (name === 'uai' ? '0869999X' : '00000000-0000-4000-8000-000000000000')).replace(/\*$/, 'x');

describe('API contract (CONTRACT.md)', () => {
  it('serves the OpenAPI 3 document of every route', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/auth/me']) expect(doc.paths).toHaveProperty([path]);
  });

  it('answers health once migrated', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('declares who may call every route, and only auth, health and openapi are public', () => {
    const apiRoutes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    expect(apiRoutes.length).toBeGreaterThan(5);
    for (const r of apiRoutes) {
      const isPublic = Boolean(r.auth && 'public' in r.auth);
      if (isPublic) expect(MAY_BE_PUBLIC(r.url), `${r.method} ${r.url}`).toBe(true);
    }
  });

  it('answers 401 without a session on every non-public route, even with a malformed body', async () => {
    const routes = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/') && !(r.auth && 'public' in r.auth));
    expect(routes.map((r) => r.url)).toContain('/api/v1/auth/me');
    for (const r of routes) {
      for (const payload of [undefined, '{"broken":', JSON.stringify({ x: 'A'.repeat(10_000) })]) {
        const res = await ctx.app.inject({
          method: r.method as 'GET',
          url: concrete(r.url),
          headers: { origin: TEST_ORIGIN, ...(payload ? { 'content-type': 'application/json' } : {}) },
          ...(payload && r.method !== 'GET' ? { payload } : {}),
        });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
        expect(res.json().error.code).toBe('auth.unauthenticated');
      }
    }
  });

  it('never answers 5xx to hostile input on public routes', async () => {
    const hostile = ['', '{', '[]', 'null', '"\\u0000"', JSON.stringify({ uai: "' OR 1=1 --", login: '<script>', password: '\u0000' }), JSON.stringify({ uai: 1e308, login: {}, password: [] })];
    const routes = ctx.app.routeTable.filter((r) => r.auth && 'public' in r.auth && r.method !== 'GET');
    for (const r of routes) {
      for (const payload of hostile) {
        const res = await ctx.app.inject({ method: r.method as 'POST', url: concrete(r.url), headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' }, payload });
        expect(res.statusCode, `${r.method} ${r.url} ${payload}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().error.code).toBeTypeOf('string');
      }
    }
    for (const url of ['/api/v1/auth/establishments/%00', `/api/v1/auth/establishments/${'x'.repeat(300)}`, '/api/v1/auth/establishments/..%2F..%2Fetc']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('answers unknown API addresses with 404 in the error shape', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'common.not_found', message: 'Cette ressource est introuvable.' } });
  });

  it('sends security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });
});
