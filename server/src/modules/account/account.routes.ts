import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangeEmailRequestSchema, ChangePasswordRequestSchema, ErrorResponseSchema } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { requestContext } from '../../http/request-context.ts';
import * as usecases from './account.usecases.ts';

const tags = ['account'];

export async function accountRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/api/v1/account/password',
    {
      config: { auth: { allowPendingPasswordChange: true } },
      schema: {
        tags,
        summary: 'Changer son mot de passe (demande le mot de passe actuel)',
        body: ChangePasswordRequestSchema,
        response: { 204: z.null(), 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      await usecases.changePassword(deps, requestContext(request, deps), request.body);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/api/v1/account/email',
    {
      config: { auth: {} },
      schema: {
        tags,
        summary: "Changer son adresse électronique",
        body: ChangeEmailRequestSchema,
        response: { 204: z.null(), 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      await usecases.changeEmail(deps, requestContext(request, deps), request.body);
      return reply.code(204).send(null);
    },
  );
}
