import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponseSchema, MailListQuerySchema, MailListResponseSchema } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { requestContext } from '../../http/request-context.ts';
import { listOutbox } from './mail.usecases.ts';

/** The establishment's mail outbox, for its administrators (mail.usecases.ts). */
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
    async (request) => listOutbox(deps, requestContext(request, deps), request.query),
  );
}
