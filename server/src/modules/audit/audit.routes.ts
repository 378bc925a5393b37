import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditListResponseSchema, AuditQuerySchema, ErrorWithDetailsResponseSchema } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { requestContext } from '../../http/request-context.ts';
import * as usecases from './audit.usecases.ts';

/** Journal des actions administratives (imports, créations, modifications, réinitialisations…). */
export async function auditRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/audit',
    {
      config: { auth: { profiles: ['administrator'] } },
      schema: {
        tags: ['audit'],
        summary: 'Journal des actions administratives, filtrable par date, utilisateur et action',
        querystring: AuditQuerySchema,
        response: { 200: AuditListResponseSchema, 400: ErrorWithDetailsResponseSchema },
      },
    },
    async (request) => usecases.listAuditEntries(deps, requestContext(request, deps), request.query),
  );
}
