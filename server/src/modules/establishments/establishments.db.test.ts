import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { uniqueUai } from '../../../test/factories.ts';
import { AppError } from '../../http/errors.ts';
import { createEstablishment, FIRST_ADMIN_LOGIN } from './establishments.usecases.ts';
import { textToSend } from '../mail/mail.secrets.ts';

/** The text as the dispatcher sends it (the stored one holds a placeholder for the secret). */
const sent = (m: { text_body: string; secret: string | null }) => textToSend(m.text_body, m.secret);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('createEstablishment', () => {
  it('creates the establishment and its administrator, and queues the two credential mails', async () => {
    const uai = uniqueUai();
    const r = await createEstablishment(ctx.deps, { uai: uai.toLowerCase(), name: 'Lycée Marcel Pagnol', adminEmail: 'ce@ac-test.fr' });
    expect(r.uai).toBe(uai);
    expect(r.loginUrl).toBe(`${ctx.config.publicUrl}/${uai}`);
    const mails = await ctx.db.selectFrom('mail_outbox').selectAll().where('establishment_id', '=', r.id).orderBy('kind').execute();
    expect(mails.map((m) => m.kind)).toEqual(['credentials.login', 'credentials.password']);
    const login = mails.find((m) => m.kind === 'credentials.login')!;
    const password = mails.find((m) => m.kind === 'credentials.password')!;
    expect(login.to_address).toBe('ce@ac-test.fr');
    expect(login.text_body).toContain(r.loginUrl);
    expect(login.text_body).toContain(FIRST_ADMIN_LOGIN);
    expect(sent(login)).not.toContain(r.admin.initialPassword);
    expect(sent(password)).toContain(r.admin.initialPassword);
    expect(password.text_body).not.toContain(r.loginUrl);

    const c = new TestClient(ctx.app);
    const res = await c.post('/api/v1/auth/login', { uai, login: FIRST_ADMIN_LOGIN, password: r.admin.initialPassword });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.profiles).toEqual(['administrator']);
    expect(res.json().mustChangePassword).toBe(true);
  });

  it('refuses a taken or malformed UAI and changes nothing', async () => {
    const uai = uniqueUai();
    await createEstablishment(ctx.deps, { uai, name: 'A' });
    const before = await ctx.db.selectFrom('establishments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await expect(createEstablishment(ctx.deps, { uai, name: 'B' })).rejects.toMatchObject({ code: 'establishments.uai_taken', status: 409 });
    for (const bad of ['123', '12345678', 'ABCDEFGH', '0861234AA']) {
      await expect(createEstablishment(ctx.deps, { uai: bad, name: 'C' })).rejects.toBeInstanceOf(AppError);
    }
    const after = await ctx.db.selectFrom('establishments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
