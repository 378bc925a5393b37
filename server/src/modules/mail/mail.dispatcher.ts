import nodemailer, { type Transporter } from 'nodemailer';
import type { Deps } from '../../deps.ts';
import { nowIso } from '../../util/ids.ts';
import * as repo from './mail.repository.ts';
import { textToSend } from './mail.secrets.ts';

/** Backoff after the n-th failure: 30 s, 1 min, 2 min… capped at 1 hour. A mail is never dropped. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60 * 1000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

const LEASE_MS = 2 * 60 * 1000;

export type Dispatcher = { runOnce: () => Promise<number>; stop: () => Promise<void> };

/**
 * Delivers queued mails through SMTP. Without SMTP_URL it does nothing: mails stay in the
 * outbox, readable by the administrator.
 */
export function createMailDispatcher(deps: Deps, opts: { intervalMs?: number; transporter?: Transporter } = {}): Dispatcher {
  const url = deps.config.smtpUrl;
  const transporter = opts.transporter ?? (url ? nodemailer.createTransport(url) : undefined);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function runOnce(): Promise<number> {
    if (!transporter) return 0;
    const now = deps.now();
    const due = await repo.listDueMails(deps.db, nowIso(now), 50);
    let sent = 0;
    for (const mail of due) {
      if (stopped) break;
      const claimed = await repo.claimMail(deps.db, mail.id, mail.next_attempt_at, nowIso(new Date(now.getTime() + LEASE_MS)));
      if (!claimed) continue;
      try {
        await transporter.sendMail({ from: deps.config.mailFrom, to: mail.to_address, subject: mail.subject, text: textToSend(mail.text_body, mail.secret) });
        await repo.markSent(deps.db, mail.id, nowIso(deps.now()));
        sent++;
      } catch (err) {
        const attempts = mail.attempts + 1;
        const next = nowIso(new Date(deps.now().getTime() + retryDelayMs(attempts)));
        await repo.markRetry(deps.db, mail.id, attempts, next, err instanceof Error ? err.message : String(err));
        deps.log.warn({ mailId: mail.id, attempts }, 'mail delivery failed; will retry');
      }
    }
    return sent;
  }

  const tick = () => {
    running = runOnce()
      .catch((err) => {
        deps.log.error({ err }, 'mail dispatcher error');
        return 0;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 5000);
      });
  };
  if (transporter && opts.intervalMs !== 0) timer = setTimeout(tick, 100);

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transporter?.close();
    },
  };
}
