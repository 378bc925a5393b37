import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema } from '@cerise/common';
import type { Deps } from '../../../deps.ts';
import { anonymousContext } from '../../../http/request-context.ts';
import { replyWithOutcome, sessionInput } from '../sso.http.ts';
import { finishSamlLogin, samlMetadata, startSamlLogin } from './saml.usecases.ts';

const tags = ['sso'];
const params = z.object({ uai: z.string().max(16), providerId: z.string().max(64) });

/** SAML 2 (ÉduConnect, académie federations), public under /api/v1/auth/ (docs/sso.md « SAML / ÉduConnect »). */
export async function samlRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    // The IdP POSTs the response as a form (HTTP-POST binding), from its own origin.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1_100_000 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/v1/auth/sso/:uai/:providerId/saml/login',
      {
        config: { auth: { public: true } },
        schema: { tags, summary: 'Connexion ÉduConnect / SAML : redirection vers le fournisseur d’identité', params, response: { 302: z.null(), 404: ErrorResponseSchema } },
      },
      async (request, reply) => reply.redirect(await startSamlLogin(deps, anonymousContext(request, deps), request.params.uai, request.params.providerId), 302),
    );

    r.post(
      '/api/v1/auth/sso/:uai/:providerId/saml/acs',
      {
        config: { auth: { public: true, crossSite: true } },
        schema: {
          tags,
          summary: 'Connexion ÉduConnect / SAML : réponse du fournisseur d’identité (HTTP-POST)',
          params,
          body: z.object({ SAMLResponse: z.string().max(1_000_000).optional(), RelayState: z.string().max(1000).optional() }).loose(),
          response: { 303: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const outcome = await finishSamlLogin(deps, anonymousContext(request, deps), {
          uai: request.params.uai,
          providerId: request.params.providerId,
          samlResponse: request.body.SAMLResponse,
          ...sessionInput(request),
        });
        return replyWithOutcome(reply, deps.config, outcome);
      },
    );

    r.get(
      '/api/v1/auth/sso/:uai/:providerId/saml/metadata',
      {
        config: { auth: { public: true } },
        schema: { tags, summary: 'Métadonnées SAML du service (à transmettre au fournisseur d’identité)', params },
      },
      async (request, reply) => {
        const xml = await samlMetadata(deps, request.params.uai, request.params.providerId);
        return reply.type('application/samlmetadata+xml; charset=utf-8').header('content-disposition', 'inline; filename="cerise-sp-metadata.xml"').send(xml);
      },
    );
  });
}
