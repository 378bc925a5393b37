import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CopyLoginRequestSchema,
  ErrorWithDetailsResponseSchema,
  ExternalIdentitiesSchema,
  LinkIdentityRequestSchema,
  LocalLoginUpdateSchema,
  ProviderIdSchema,
  ProviderInputSchema,
  ProviderSchema,
  ProviderUpdateSchema,
  SsoSettingsSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { requestContext } from '../../http/request-context.ts';
import * as admin from './sso.admin.usecases.ts';
import * as identities from './sso.identities.usecases.ts';

const tags = ['sso'];
const auth = { profiles: ['administrator' as const] };
const providerParams = z.object({ providerId: ProviderIdSchema });
const userParams = z.object({ userId: z.uuid() });
const errors = { 400: ErrorWithDetailsResponseSchema, 404: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema };

/** Paramètres → « Connexion ENT / ÉduConnect », and the ENT identifiers on a user's page (docs/sso.md). */
export async function ssoAdminRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/sso/settings',
    { config: { auth }, schema: { tags, summary: 'Fournisseurs d’identité (ENT, ÉduConnect) et connexion par mot de passe', response: { 200: SsoSettingsSchema } } },
    async (request) => admin.getSsoSettings(deps, requestContext(request, deps)),
  );

  r.post(
    '/api/v1/sso/providers',
    { config: { auth }, schema: { tags, summary: 'Ajouter un fournisseur d’identité', body: ProviderInputSchema, response: { 201: ProviderSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await admin.createProvider(deps, requestContext(request, deps), request.body)),
  );

  r.put(
    '/api/v1/sso/providers/:providerId',
    {
      config: { auth },
      schema: { tags, summary: 'Modifier un fournisseur d’identité', params: providerParams, body: ProviderUpdateSchema, response: { 200: ProviderSchema, ...errors } },
    },
    async (request) => admin.updateProvider(deps, requestContext(request, deps), request.params.providerId, request.body),
  );

  r.delete(
    '/api/v1/sso/providers/:providerId',
    { config: { auth }, schema: { tags, summary: 'Supprimer un fournisseur d’identité et ses liens', params: providerParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await admin.deleteProvider(deps, requestContext(request, deps), request.params.providerId);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/api/v1/sso/local-login',
    {
      config: { auth },
      schema: { tags, summary: 'Profils sans connexion par mot de passe', body: LocalLoginUpdateSchema, response: { 200: SsoSettingsSchema, ...errors } },
    },
    async (request) => admin.updateLocalLogin(deps, requestContext(request, deps), request.body),
  );

  r.get(
    '/api/v1/sso/users/:userId/identities',
    { config: { auth }, schema: { tags, summary: 'Identifiants ENT reliés à un compte', params: userParams, response: { 200: ExternalIdentitiesSchema, ...errors } } },
    async (request) => identities.listIdentities(deps, requestContext(request, deps), request.params.userId),
  );

  r.post(
    '/api/v1/sso/users/:userId/identities',
    {
      config: { auth },
      schema: { tags, summary: 'Relier un identifiant ENT à un compte', params: userParams, body: LinkIdentityRequestSchema, response: { 201: ExternalIdentitiesSchema, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await identities.linkIdentity(deps, requestContext(request, deps), request.params.userId, request.body)),
  );

  r.post(
    '/api/v1/sso/users/:userId/identities/copy-login',
    {
      config: { auth },
      schema: { tags, summary: "Copier l'identifiant comme identifiant ENT", params: userParams, body: CopyLoginRequestSchema, response: { 201: ExternalIdentitiesSchema, ...errors } },
    },
    async (request, reply) =>
      reply.code(201).send(await identities.copyLoginAsIdentity(deps, requestContext(request, deps), request.params.userId, request.body.providerId)),
  );

  r.delete(
    '/api/v1/sso/users/:userId/identities/:identityId',
    {
      config: { auth },
      schema: { tags, summary: "Supprimer le lien d'un identifiant ENT", params: userParams.extend({ identityId: z.uuid() }), response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await identities.unlinkIdentity(deps, requestContext(request, deps), request.params.userId, request.params.identityId);
      return reply.code(204).send(null);
    },
  );
}
