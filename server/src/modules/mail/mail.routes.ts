import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponseSchema, MailListQuerySchema, MailListResponseSchema } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { currentUser } from '../../http/guard.ts';
import { listMails } from './mail.repository.ts';

/**
 * The establishment's mail outbox, newest first, for its administrators: without SMTP_URL the
 * mails stay here (DESIGN §4) and the administrator passes them on by hand.
 */
export async function mailRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/mails',
    {
      config: { auth: { profiles: ['administrator'] } },
      schema: {
        tags: ['mail'],
        summary: "Courriels de l'établissement (en file, envoyés), les plus récents d'abord",
        querystring: MailListQuerySchema,
        response: { 200: MailListResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { page, pageSize } = request.query;
      const rows = await listMails(deps.db, user.establishmentId, { limit: pageSize + 1, offset: (page - 1) * pageSize });
      return {
        items: rows.slice(0, pageSize).map((m) => ({
          id: m.id,
          to: m.to_address,
          subject: m.subject,
          text: m.text_body,
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
    },
  );
}
