import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { checkHealth } from './health.usecases.ts';

export async function healthRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { auth: { public: true } },
      schema: { tags: ['health'], summary: 'État du service', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => checkHealth(deps),
  );
}
