import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { makeUser } from '../../../test/factories.ts';
import { makeReadyEstablishment, signedIn } from '../users/users.fixtures.ts';
import { recordAudit } from './audit.repository.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe("Journal des actions administratives", () => {
  it('lists the actions newest first, with who did what to whom, in French', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est, ['administrator'], { last_name: 'Chef', first_name: 'Anne' });
    const created = await client.post('/api/v1/users', { lastName: 'Nouveau', firstName: 'Noé', profiles: ['teacher'] });
    expect(created.statusCode).toBe(201);
    const userId = created.json().user.id;
    ctx.advance(60_000);
    expect((await client.post(`/api/v1/users/${userId}/hide`)).statusCode).toBe(200);
    const res = await client.get('/api/v1/audit');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(body.items.map((e: { action: string }) => e.action)).toEqual(['users.hidden', 'users.created']);
    expect(body.items[1]).toMatchObject({
      action: 'users.created',
      actionLabel: "Création d'un utilisateur",
      actor: { id: admin.id, login: admin.login, lastName: 'Chef', firstName: 'Anne' },
      target: { type: 'user', id: userId, person: { id: userId, login: 'noe.nouveau', lastName: 'Nouveau', firstName: 'Noé' } },
      details: { login: 'noe.nouveau', profiles: ['teacher'] },
    });
    // Sign-ins only when asked for.
    const withSignIns = (await client.get('/api/v1/audit?includeSignIns=true')).json();
    expect(withSignIns.items.map((e: { action: string }) => e.action)).toContain('auth.login');
  });

  it('filters by date, by user (done by or concerning) and by action, and pages', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est);
    const someone = await makeUser(ctx.deps, est.id);
    const other = await makeUser(ctx.deps, est.id);
    const entries: [string, string | null, string, string][] = [
      ['2026-09-01T08:00:00.000Z', admin.id, 'imports.applied', someone.id],
      ['2026-10-15T22:30:00.000Z', admin.id, 'users.updated', someone.id],
      ['2026-10-16T07:00:00.000Z', someone.id, 'account.password_changed', someone.id],
      ['2026-11-02T12:00:00.000Z', admin.id, 'users.updated', other.id],
      ['2026-11-03T12:00:00.000Z', null, 'users.password_reset', other.id],
    ];
    for (const [at, actorId, action, targetId] of entries) {
      await recordAudit(ctx.db, { establishmentId: est.id, actorId, action, targetType: 'user', targetId, at });
    }
    const ids = async (q: string) => (await client.get(`/api/v1/audit?${q}`)).json().items.map((e: { at: string }) => e.at.slice(0, 10));
    expect(await ids('from=2026-10-15&to=2026-10-16')).toEqual(['2026-10-16', '2026-10-15']);
    expect(await ids('from=2026-10-15&to=2026-10-15')).toEqual(['2026-10-15']);
    expect(await ids('from=2026-10-16T00:00:00%2B02:00&to=2026-11-01')).toEqual(['2026-10-16', '2026-10-15']);
    expect(await ids(`userId=${someone.id}`)).toEqual(['2026-10-16', '2026-10-15', '2026-09-01']);
    expect(await ids(`userId=${other.id}&action=users.updated`)).toEqual(['2026-11-02']);
    expect(await ids('action=users.&to=2026-11-30')).toEqual(['2026-11-03', '2026-11-02', '2026-10-15']);
    const system = (await client.get(`/api/v1/audit?action=users.password_reset`)).json().items[0];
    expect(system.actor).toBeNull();
    const page = (await client.get('/api/v1/audit?to=2026-11-30&pageSize=2&page=2')).json();
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items.map((e: { at: string }) => e.at.slice(0, 10))).toEqual(['2026-10-16', '2026-10-15']);
    for (const bad of ['from=hier', 'to=2026-13-01', 'action=DROP%20TABLE', 'pageSize=1000', 'page=0']) {
      const res = await client.get(`/api/v1/audit?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('common.validation');
    }
  });

  it("is for administrators only, and never shows another establishment's entries", async () => {
    const a = await makeReadyEstablishment(ctx.deps);
    const b = await makeReadyEstablishment(ctx.deps);
    const { client: adminA, user: userA } = await signedIn(ctx, a);
    await recordAudit(ctx.db, { establishmentId: a.id, actorId: userA.id, action: 'users.created', targetType: 'user', targetId: userA.id, at: '2026-11-01T00:00:00.000Z' });
    expect((await adminA.get('/api/v1/audit')).json().total).toBe(1);
    const { client: adminB } = await signedIn(ctx, b);
    expect((await adminB.get('/api/v1/audit')).json().total).toBe(0);
    expect((await adminB.get(`/api/v1/audit?userId=${userA.id}`)).json().total).toBe(0);
    expect((await new TestClient(ctx.app).get('/api/v1/audit')).statusCode).toBe(401);
    for (const profile of ['teacher', 'learner', 'parent'] as const) {
      const { client } = await signedIn(ctx, a, [profile]);
      expect((await client.get('/api/v1/audit')).statusCode).toBe(403);
    }
  });
});
