import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { currentUser } from '../../http/guard.ts';
import { exportPersonData } from './privacy.usecases.ts';

export async function privacyRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/privacy/users/:userId/export',
    {
      config: { auth: { profiles: ['administrator'] } },
      schema: {
        tags: ['privacy'],
        summary: "RGPD : toutes les données d'une personne (ZIP)",
        params: z.object({ userId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { fileName, zip } = await exportPersonData(deps, currentUser(request), request.params.userId, request.ip ?? null);
      return reply.type('application/zip').header('content-disposition', `attachment; filename="${fileName}"`).send(Buffer.from(zip));
    },
  );
}
