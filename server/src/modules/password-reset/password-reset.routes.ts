import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorResponseSchema,
  PasswordResetCheckRequestSchema,
  PasswordResetCheckResponseSchema,
  PasswordResetConfirmRequestSchema,
  PasswordResetRequestedSchema,
  PasswordResetRequestSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { anonymousContext } from '../../http/request-context.ts';
import * as usecases from './password-reset.usecases.ts';

const tags = ['auth'];

/** « Mot de passe oublié » (beyond the original): public, under /api/v1/auth/ (CONTRACT.md). */
export async function passwordResetRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/password-reset/request',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: 'Demander un lien de réinitialisation (même réponse que le compte existe ou non)',
        body: PasswordResetRequestSchema,
        response: { 202: PasswordResetRequestedSchema, 400: ErrorResponseSchema, 429: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await usecases.requestPasswordReset(deps, anonymousContext(request, deps), request.body);
      return reply.code(202).send(result);
    },
  );

  r.post(
    '/api/v1/auth/password-reset/check',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: "Vérifier qu'un lien de réinitialisation est encore valable",
        body: PasswordResetCheckRequestSchema,
        response: { 200: PasswordResetCheckResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => usecases.checkPasswordResetToken(deps, request.body.token),
  );

  r.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: 'Choisir un nouveau mot de passe avec le lien reçu (usage unique, une heure)',
        body: PasswordResetConfirmRequestSchema,
        response: { 204: z.null(), 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      await usecases.confirmPasswordReset(deps, anonymousContext(request, deps), request.body);
      return reply.code(204).send(null);
    },
  );
}
