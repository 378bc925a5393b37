import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { nowIso } from '../../util/ids.ts';
import { makeReadyEstablishment, signedIn } from '../users/users.fixtures.ts';
import { enqueueMail } from './mail.repository.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('Courriels en file (GET /api/v1/mails)', () => {
  it('lets the administrator read the mails queued without SMTP, newest first, page by page', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const created = await client.post('/api/v1/users', { lastName: 'Sans', firstName: 'Smtp', profiles: ['teacher'], email: 'sans.smtp@ac-test.fr' });
    expect(created.statusCode).toBe(201);
    ctx.advance(1000);
    await enqueueMail(ctx.db, { establishmentId: est.id, to: 'dernier@ac-test.fr', subject: 'Dernier', text: 'Texte', kind: 'test' }, nowIso(ctx.deps.now()));

    const res = await client.get('/api/v1/mails');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ page: 1, pageSize: 20, hasMore: false, smtpConfigured: false });
    expect(body.items).toHaveLength(3);
    expect(body.items[0]).toMatchObject({ to: 'dernier@ac-test.fr', subject: 'Dernier', text: 'Texte', status: 'pending', attempts: 0, lastError: null, sentAt: null });
    const credentials = body.items.slice(1);
    expect(credentials.map((m: { kind: string }) => m.kind).sort()).toEqual(['credentials.login', 'credentials.password']);
    expect(credentials.every((m: { to: string }) => m.to === 'sans.smtp@ac-test.fr')).toBe(true);
    // The temporary password is never shown (docs/security.md): a note stands in its place.
    const passwordMail = credentials.find((m: { kind: string }) => m.kind === 'credentials.password');
    expect(passwordMail.text).toContain('mot de passe provisoire Cerise Pro : [masqué');
    const stored = await ctx.db.selectFrom('mail_outbox').select('secret').where('id', '=', passwordMail.id).executeTakeFirstOrThrow();
    expect(stored.secret).toBeTruthy();
    expect(res.body).not.toContain(stored.secret!);

    const first = (await client.get('/api/v1/mails?pageSize=2')).json();
    expect(first).toMatchObject({ hasMore: true });
    expect(first.items).toHaveLength(2);
    const second = (await client.get('/api/v1/mails?pageSize=2&page=2')).json();
    expect(second).toMatchObject({ hasMore: false });
    expect(second.items).toHaveLength(1);
    expect((await client.get('/api/v1/mails?pageSize=0')).statusCode).toBe(400);
  });

  it("is for administrators only, and shows only the establishment's own mails", async () => {
    const a = await makeReadyEstablishment(ctx.deps);
    const b = await makeReadyEstablishment(ctx.deps);
    await enqueueMail(ctx.db, { establishmentId: a.id, to: 'secret@ac-test.fr', subject: 'Secret', text: 'mot de passe', kind: 'test' }, nowIso(ctx.deps.now()));
    const { client } = await signedIn(ctx, b);
    expect((await client.get('/api/v1/mails')).json().items).toEqual([]);
    expect((await new TestClient(ctx.app).get('/api/v1/mails')).statusCode).toBe(401);
    for (const profile of ['teacher', 'learner', 'parent'] as const) {
      const { client: c } = await signedIn(ctx, a, [profile]);
      expect((await c.get('/api/v1/mails')).statusCode).toBe(403);
    }
  });
});
