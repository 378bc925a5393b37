import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema } from '@cerise/common';
import type { Deps } from '../../../deps.ts';
import { anonymousContext } from '../../../http/request-context.ts';
import { replyWithOutcome, sessionInput, setStateCookie, takeStateCookie } from '../sso.http.ts';
import { finishOidcLogin, OidcStartRefused, startOidcLogin } from './oidc.usecases.ts';

const tags = ['sso'];
const params = z.object({ uai: z.string().max(16), providerId: z.string().max(64) });

/** OpenID Connect (guichet agents, ÉduConnect OIDC), public under /api/v1/auth/ (docs/sso.md « OpenID Connect »). */
export async function oidcRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/auth/sso/:uai/:providerId/oidc/login',
    {
      config: { auth: { public: true } },
      schema: { tags, summary: 'Connexion OpenID Connect : redirection vers le fournisseur d’identité', params, response: { 302: z.null(), 303: z.null(), 404: ErrorResponseSchema } },
    },
    async (request, reply) => {
      try {
        const { redirectUrl, state } = await startOidcLogin(deps, anonymousContext(request, deps), request.params.uai, request.params.providerId);
        setStateCookie(reply, deps.config, state);
        return reply.redirect(redirectUrl, 302);
      } catch (e) {
        if (e instanceof OidcStartRefused) return replyWithOutcome(reply, deps.config, e.outcome);
        throw e;
      }
    },
  );

  r.get(
    '/api/v1/auth/sso/:uai/:providerId/oidc/callback',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: 'Connexion OpenID Connect : retour du fournisseur d’identité',
        params,
        querystring: z.record(z.string().max(40), z.string().max(4000)),
        response: { 303: z.null(), 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const outcome = await finishOidcLogin(deps, anonymousContext(request, deps), {
        uai: request.params.uai,
        providerId: request.params.providerId,
        query: request.query,
        browserState: takeStateCookie(request, reply, deps.config),
        ...sessionInput(request),
      });
      return replyWithOutcome(reply, deps.config, outcome);
    },
  );
}
