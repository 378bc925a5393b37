import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { requestContext } from '../../http/request-context.ts';
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
      const { fileName, zip } = await exportPersonData(deps, requestContext(request, deps), request.params.userId);
      return sendDownload(reply, { filename: fileName, mediaType: 'application/zip', body: zip });
    },
  );
}
