import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema } from '@cerise/common';
import type { Deps } from '../../../deps.ts';
import { anonymousContext } from '../../../http/request-context.ts';
import { replyWithOutcome, sessionInput, setStateCookie, takeStateCookie } from '../sso.http.ts';
import { finishCasLogin, startCasLogin } from './cas.usecases.ts';

const tags = ['sso'];
const params = z.object({ uai: z.string().max(16), providerId: z.string().max(64) });

/** CAS 2/3 login through the ENT (docs/sso.md « CAS »): public, under /api/v1/auth/. */
export async function casRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/auth/sso/:uai/:providerId/cas/login',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: "Connexion par l'ENT (CAS) : redirection vers le serveur CAS",
        params,
        response: { 302: z.null(), 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { redirectUrl, stateToken } = await startCasLogin(deps, anonymousContext(request, deps), request.params.uai, request.params.providerId);
      setStateCookie(reply, deps.config, stateToken);
      return reply.redirect(redirectUrl, 302);
    },
  );

  r.get(
    '/api/v1/auth/sso/:uai/:providerId/cas/callback',
    {
      config: { auth: { public: true } },
      schema: {
        tags,
        summary: "Connexion par l'ENT (CAS) : retour du serveur CAS avec un ticket",
        params,
        querystring: z.object({ ticket: z.string().max(1000).optional() }).loose(),
        response: { 303: z.null(), 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const outcome = await finishCasLogin(deps, anonymousContext(request, deps), {
        uai: request.params.uai,
        providerId: request.params.providerId,
        ticket: request.query.ticket,
        stateToken: takeStateCookie(request, reply, deps.config),
        ...sessionInput(request),
      });
      return replyWithOutcome(reply, deps.config, outcome);
    },
  );
}
