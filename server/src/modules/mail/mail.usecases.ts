import type { MailListResponse } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { listMails } from './mail.repository.ts';
import { textToShow } from './mail.secrets.ts';

/**
 * The establishment's mail outbox, newest first, one page: without SMTP_URL the mails stay here
 * (docs/design.md §4) and the administrator passes them on by hand.
 */
export async function listOutbox(deps: Deps, ctx: RequestContext, paging: { page: number; pageSize: number }): Promise<MailListResponse> {
  const { page, pageSize } = paging;
  const rows = await listMails(deps.db, ctx.establishmentId, { limit: pageSize + 1, offset: (page - 1) * pageSize });
  return {
    items: rows.slice(0, pageSize).map((m) => ({
      id: m.id,
      to: m.to_address,
      subject: m.subject,
      text: textToShow(m.text_body, m.status),
      kind: m.kind,
      status: m.status,
      attempts: m.attempts,
      lastError: m.last_error,
      createdAt: m.created_at,
      sentAt: m.sent_at,
    })),
    page,
    pageSize,
    hasMore: rows.length > pageSize,
    smtpConfigured: Boolean(deps.config.smtpUrl),
  };
}
