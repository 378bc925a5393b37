import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AccessDivisionParamsSchema,
  AccessLearnersResponseSchema,
  AccessParentParamsSchema,
  AccessParentsResponseSchema,
  ErrorWithDetailsResponseSchema,
  ParentLettersRequestSchema,
  ParentPasswordResetResponseSchema,
  AdminPasswordResetRequestSchema,
  ResetLearnersRequestSchema,
  ResetLearnersResponseSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { currentUser } from '../../http/guard.ts';
import { requestContext } from '../../http/request-context.ts';
import * as usecases from './access.usecases.ts';

const tags = ['access'];
const auth = { profiles: ['administrator' as const] };
const errors = { 400: ErrorWithDetailsResponseSchema, 404: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema };

/** Accès parents, accès apprenants (docs/guide.md §3.3). */
export async function accessRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/access/divisions/:divisionId/learners',
    {
      config: { auth },
      schema: {
        tags,
        summary: "Les apprenants d'une classe : identifiant, date de naissance, dernière connexion",
        params: AccessDivisionParamsSchema,
        response: { 200: AccessLearnersResponseSchema, 404: ErrorWithDetailsResponseSchema },
      },
    },
    async (request) => usecases.listDivisionLearners(deps, currentUser(request), request.params.divisionId),
  );

  r.get(
    '/api/v1/access/divisions/:divisionId/learners.csv',
    {
      config: { auth },
      schema: {
        tags,
        summary: '« CSV de la division » (séparateur ;, UTF-8 avec BOM, pour Excel et LibreOffice)',
        params: AccessDivisionParamsSchema,
      },
    },
    async (request, reply) => {
      const { body, filename } = await usecases.divisionLearnersCsv(deps, currentUser(request), request.params.divisionId);
      return sendDownload(reply, { filename, mediaType: 'text/csv; charset=utf-8', body });
    },
  );

  r.post(
    '/api/v1/access/divisions/:divisionId/learners/reset',
    {
      config: { auth },
      schema: {
        tags,
        summary: '« Réinitialiser tous les comptes marqués » : retour à jjmmaaaa, changement imposé',
        params: AccessDivisionParamsSchema,
        body: ResetLearnersRequestSchema,
        response: { 200: ResetLearnersResponseSchema, ...errors },
      },
    },
    async (request) =>
      usecases.resetDivisionLearners(deps, requestContext(request, deps), request.params.divisionId, request.body.learnerIds),
  );

  r.get(
    '/api/v1/access/divisions/:divisionId/parents',
    {
      config: { auth },
      schema: {
        tags,
        summary: "Les parents des apprenants d'une classe, avec leurs enfants",
        params: AccessDivisionParamsSchema,
        response: { 200: AccessParentsResponseSchema, 404: ErrorWithDetailsResponseSchema },
      },
    },
    async (request) => usecases.listDivisionParents(deps, currentUser(request), request.params.divisionId),
  );

  r.post(
    '/api/v1/access/parents/:parentId/password-reset',
    {
      config: { auth },
      schema: {
        tags,
        summary: "Réinitialiser le mot de passe d'un parent : par courriel, ou mot de passe rendu une fois pour une lettre (par défaut : courriel si l'adresse est connue)",
        params: AccessParentParamsSchema,
        body: AdminPasswordResetRequestSchema.nullish(),
        response: { 200: ParentPasswordResetResponseSchema, ...errors },
      },
    },
    async (request) => usecases.resetParentPassword(deps, requestContext(request, deps), request.params.parentId, request.body?.delivery),
  );

  r.post(
    '/api/v1/access/divisions/:divisionId/parents/letters',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Lettres PDF aux familles : un nouveau mot de passe provisoire par parent coché (une page chacun)',
        params: AccessDivisionParamsSchema,
        body: ParentLettersRequestSchema,
      },
    },
    async (request, reply) => {
      const { body, filename } = await usecases.divisionParentLetters(deps, requestContext(request, deps), request.params.divisionId, request.body.parentIds);
      return sendDownload(reply, { filename, mediaType: 'application/pdf', body });
    },
  );
}
