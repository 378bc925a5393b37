import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/harness.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { makeEstablishment } from '../../../test/factories.ts';
import { nowIso } from '../../util/ids.ts';
import { createMailDispatcher, retryDelayMs } from './mail.dispatcher.ts';
import { passwordResetLinkMail } from '../password-reset/password-reset.mails.ts';
import { enqueueMail } from './mail.repository.ts';

let ctx: TestContext;
let estId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  estId = (await makeEstablishment(ctx.deps)).id;
});
afterAll(() => ctx.close());

describe('mail dispatcher', () => {
  it('delivers queued mails through a real SMTP server', async () => {
    const sink = await startSmtpSink();
    try {
      await enqueueMail(ctx.db, { establishmentId: estId, to: 'prof@ac-test.fr', subject: 'Votre identifiant — élève', text: 'Identifiant : jf.bernard', kind: 'test' }, nowIso(ctx.deps.now()));
      const dispatcher = createMailDispatcher({ ...ctx.deps, config: { ...ctx.config, smtpUrl: sink.url } }, { intervalMs: 0 });
      expect(await dispatcher.runOnce()).toBe(1);
      await dispatcher.stop();
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]!.to).toEqual(['prof@ac-test.fr']);
      expect(sink.received[0]!.subject).toBe('Votre identifiant — élève');
      expect(sink.received[0]!.text.trim()).toBe('Identifiant : jf.bernard');
      const row = await ctx.db.selectFrom('mail_outbox').select(['status', 'sent_at']).where('to_address', '=', 'prof@ac-test.fr').executeTakeFirstOrThrow();
      expect(row.status).toBe('sent');
      expect(row.sent_at).not.toBeNull();
    } finally {
      await sink.close();
    }
  });

  it('sends the secret but keeps it neither in the stored text nor after sending (docs/security.md)', async () => {
    const sink = await startSmtpSink();
    try {
      const mail = passwordResetLinkMail({ establishmentName: 'Lycée', link: 'https://cerise.test/r/TOKEN-SECRET-123', login: 'a.b', firstName: 'A', lastName: 'B' });
      await enqueueMail(ctx.db, { establishmentId: estId, to: 'secret@ac-test.fr', ...mail }, nowIso(ctx.deps.now()));
      const before = await ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'secret@ac-test.fr').executeTakeFirstOrThrow();
      expect(before.text_body).not.toContain('TOKEN-SECRET-123');
      const dispatcher = createMailDispatcher({ ...ctx.deps, config: { ...ctx.config, smtpUrl: sink.url } }, { intervalMs: 0 });
      expect(await dispatcher.runOnce()).toBe(1);
      await dispatcher.stop();
      expect(sink.received[0]!.text).toContain('https://cerise.test/r/TOKEN-SECRET-123');
      const after = await ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'secret@ac-test.fr').executeTakeFirstOrThrow();
      expect(after.status).toBe('sent');
      expect(JSON.stringify(after)).not.toContain('TOKEN-SECRET-123');
    } finally {
      await sink.close();
    }
  });

  it('keeps a refused mail, retries it with backoff, and delivers it later', async () => {
    const sink = await startSmtpSink({ failFirst: 1 });
    try {
      await enqueueMail(ctx.db, { establishmentId: estId, to: 'retry@ac-test.fr', subject: 'S', text: 'T', kind: 'test' }, nowIso(ctx.deps.now()));
      const deps = { ...ctx.deps, config: { ...ctx.config, smtpUrl: sink.url } };
      const dispatcher = createMailDispatcher(deps, { intervalMs: 0 });
      expect(await dispatcher.runOnce()).toBe(0);
      const failed = await ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'retry@ac-test.fr').executeTakeFirstOrThrow();
      expect(failed.status).toBe('pending');
      expect(failed.attempts).toBe(1);
      expect(failed.last_error).toBeTruthy();
      expect(await dispatcher.runOnce()).toBe(0); // not due yet
      ctx.advance(retryDelayMs(1) + 1000);
      expect(await dispatcher.runOnce()).toBe(1);
      await dispatcher.stop();
      expect(sink.received.map((m) => m.to[0])).toEqual(['retry@ac-test.fr']);
    } finally {
      await sink.close();
    }
  });

  it('keeps mails in the outbox when SMTP is down', async () => {
    await enqueueMail(ctx.db, { establishmentId: estId, to: 'down@ac-test.fr', subject: 'S', text: 'T', kind: 'test' }, nowIso(ctx.deps.now()));
    const dispatcher = createMailDispatcher({ ...ctx.deps, config: { ...ctx.config, smtpUrl: 'smtp://127.0.0.1:1' } }, { intervalMs: 0 });
    await dispatcher.runOnce();
    await dispatcher.stop();
    const row = await ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'down@ac-test.fr').executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
  });

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 10, 30].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });
});
