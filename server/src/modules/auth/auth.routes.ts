import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EstablishmentSummarySchema,
  ErrorResponseSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeResponseSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { currentUser } from '../../http/guard.ts';
import { anonymousContext } from '../../http/request-context.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../http/session-cookie.ts';
import { presentMe } from './auth.presenter.ts';
import * as usecases from './auth.usecases.ts';

const tags = ['auth'];

export async function authRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: 'Connexion (identifiant + mot de passe)',
        body: LoginRequestSchema,
        response: { 200: LoginResponseSchema, 401: ErrorResponseSchema, 429: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { token, user } = await usecases.login(deps, anonymousContext(request, deps), {
        ...request.body,
        userAgent: request.headers['user-agent'] ?? null,
        previousSessionToken: request.cookies[SESSION_COOKIE] ?? null,
      });
      setSessionCookie(reply, deps.config, token);
      return { ...presentMe(user), mustChangePassword: user.mustChangePassword };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { config: { auth: { public: true } }, schema: { tags, summary: 'Déconnexion', response: { 204: z.null() } } },
    async (request, reply) => {
      await usecases.logout(deps, anonymousContext(request, deps), request.user);
      clearSessionCookie(reply, deps.config);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      config: { auth: { allowPendingPasswordChange: true } },
      schema: { tags, summary: 'Utilisateur connecté, ses profils et ses modules', response: { 200: MeResponseSchema } },
    },
    async (request) => presentMe(currentUser(request)),
  );

  r.get(
    '/api/v1/auth/establishments/:uai',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: "Nom d'un établissement, pour sa page de connexion",
        params: z.object({ uai: z.string().max(16) }),
        response: { 200: EstablishmentSummarySchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => usecases.establishmentSummary(deps, request.params.uai),
  );

  r.get(
    '/api/v1/auth/default-establishment',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: "L'établissement de l'instance quand elle n'en héberge qu'un",
        response: { 200: EstablishmentSummarySchema, 404: ErrorResponseSchema },
      },
    },
    async () => usecases.defaultEstablishment(deps),
  );
}
