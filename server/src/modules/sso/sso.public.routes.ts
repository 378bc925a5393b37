import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema, PublicProvidersSchema, SsoChooseRequestSchema, SsoChooseResponseSchema, SsoLogoutInfoSchema, SsoPendingSchema } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { anonymousContext } from '../../http/request-context.ts';
import { setSessionCookie } from '../../http/session-cookie.ts';
import { clearPendingCookie, pendingToken, sessionInput } from './sso.http.ts';
import { choosePending, logoutInfo, readPending } from './sso.login.usecases.ts';
import { publicProviders } from './sso.public.usecases.ts';

const tags = ['sso'];
const auth = { public: true as const };

/** The login page's SSO buttons, the multi-account choice and the refusal page (docs/sso.md). */
export async function ssoPublicRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/auth/sso/:uai/providers',
    {
      config: { auth },
      schema: {
        tags,
        summary: "Boutons « Se connecter avec l'ENT / ÉduConnect » de la page de connexion",
        params: z.object({ uai: z.string().max(16) }),
        response: { 200: PublicProvidersSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => publicProviders(deps, request.params.uai),
  );

  r.get(
    '/api/v1/auth/sso/choose',
    {
      config: { auth },
      schema: { tags, summary: "Connexion par l'ENT en attente : choix du compte ou refus", response: { 200: SsoPendingSchema, 404: ErrorResponseSchema } },
    },
    async (request) => readPending(deps, anonymousContext(request, deps), pendingToken(request)),
  );

  r.post(
    '/api/v1/auth/sso/choose',
    {
      config: { auth },
      schema: {
        tags,
        summary: "Connexion par l'ENT : choisir le compte (plusieurs établissements)",
        body: SsoChooseRequestSchema,
        response: { 200: SsoChooseResponseSchema, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const outcome = await choosePending(deps, anonymousContext(request, deps), pendingToken(request), request.body.candidateId, sessionInput(request));
      setSessionCookie(reply, deps.config, outcome.token);
      clearPendingCookie(reply, deps.config);
      return { uai: outcome.uai };
    },
  );

  r.get(
    '/api/v1/auth/sso/logout-info',
    {
      config: { auth },
      schema: { tags, summary: "Adresse de déconnexion de l'ENT, quand la session en vient", response: { 200: SsoLogoutInfoSchema } },
    },
    async (request) => logoutInfo(deps, request.user),
  );
}
