import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateScenarioRequestSchema,
  DuplicateScenarioRequestSchema,
  ErrorWithDetailsResponseSchema,
  ScenarioAttachmentParamsSchema,
  ScenarioAttachmentsResponseSchema,
  ScenarioIdParamsSchema,
  ScenarioLearnersResponseSchema,
  ScenarioListQuerySchema,
  ScenarioListResponseSchema,
  ScenarioSchema,
  UpdateScenarioRequestSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { requestContext } from '../../http/request-context.ts';
import { receiveFiles } from '../../http/upload.ts';
import * as attachments from './scenarios.attachments.usecases.ts';
import * as usecases from './scenarios.usecases.ts';

const tags = ['scenarios'];
/** The module is the teachers' (docs/guide.md § 3.5); the policy then decides per scenario. */
const auth = { profiles: ['teacher' as const] };
const errors = { 400: ErrorWithDetailsResponseSchema, 403: ErrorWithDetailsResponseSchema, 404: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema };

/** Gestion des scénarios (docs/guide.md § 3.5). */
export async function scenariosRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/scenarios',
    {
      config: { auth },
      schema: { tags, summary: 'Mes scénarios et les scénarios publics de mes collègues (filtres, pages)', querystring: ScenarioListQuerySchema, response: { 200: ScenarioListResponseSchema, 400: ErrorWithDetailsResponseSchema } },
    },
    async (request) => usecases.listScenarios(deps, requestContext(request, deps), request.query),
  );

  r.post(
    '/api/v1/scenarios',
    { config: { auth }, schema: { tags, summary: '« Validez la création du scénario »', body: CreateScenarioRequestSchema, response: { 201: ScenarioSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await usecases.createScenario(deps, requestContext(request, deps), request.body)),
  );

  r.get(
    '/api/v1/scenarios/:id',
    {
      config: { auth },
      schema: { tags, summary: 'Consulter un scénario (compétences avec les identifiants des complexités et aléas choisis)', params: ScenarioIdParamsSchema, response: { 200: ScenarioSchema, ...errors } },
    },
    async (request) => usecases.getScenario(deps, requestContext(request, deps), request.params.id),
  );

  r.put(
    '/api/v1/scenarios/:id',
    {
      config: { auth },
      schema: { tags, summary: '« Validez les modifications » (auteur ; version obligatoire, 409 si périmée)', params: ScenarioIdParamsSchema, body: UpdateScenarioRequestSchema, response: { 200: ScenarioSchema, ...errors } },
    },
    async (request) => usecases.updateScenario(deps, requestContext(request, deps), request.params.id, request.body),
  );

  r.delete(
    '/api/v1/scenarios/:id',
    { config: { auth }, schema: { tags, summary: 'Supprimer un scénario (auteur ; les évaluations créées gardent leur contenu)', params: ScenarioIdParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await usecases.deleteScenario(deps, requestContext(request, deps), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/scenarios/:id/duplicate',
    {
      config: { auth },
      schema: { tags, summary: 'Dupliquer : ma copie privée (nouveau titre, niveau ; pièces jointes partagées)', params: ScenarioIdParamsSchema, body: DuplicateScenarioRequestSchema, response: { 201: ScenarioSchema, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await usecases.duplicateScenario(deps, requestContext(request, deps), request.params.id, { title: request.body.title, level: request.body.level ?? null })),
  );

  r.get(
    '/api/v1/scenarios/:id/learners',
    {
      config: { auth },
      schema: { tags, summary: '« Évaluer » : mes classes et groupes de l’année et leurs apprenants', params: ScenarioIdParamsSchema, response: { 200: ScenarioLearnersResponseSchema, ...errors } },
    },
    async (request) => usecases.learnersToEvaluate(deps, requestContext(request, deps), request.params.id),
  );

  r.get(
    '/api/v1/scenarios/:id/export.docx',
    { config: { auth }, schema: { tags, summary: 'Exporter et/ou imprimer : le scénario au format .docx', params: ScenarioIdParamsSchema } },
    async (request, reply) => {
      const file = await attachments.exportScenarioDocx(deps, requestContext(request, deps), request.params.id);
      return sendDownload(reply, { filename: file.filename, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: file.body, size: file.body.length });
    },
  );

  r.post(
    '/api/v1/scenarios/:id/attachments',
    { config: { auth }, schema: { tags, summary: 'Joindre des fichiers PDF ou ZIP (auteur ; vérifiés par leur contenu)', params: ScenarioIdParamsSchema, response: { 201: ScenarioAttachmentsResponseSchema, ...errors } } },
    async (request, reply) => {
      const ctx = requestContext(request, deps);
      // The author is checked before the body is read: nobody else's file is ever stored.
      await usecases.ownScenario(deps.db, ctx, request.params.id);
      const upload = await receiveFiles(request, { maxFiles: 10 });
      try {
        const list = await attachments.addAttachments(deps, ctx, request.params.id, upload.files);
        return reply.code(201).send({ attachments: list });
      } finally {
        await upload.cleanup();
      }
    },
  );

  r.get(
    '/api/v1/scenarios/:id/attachments/:attachmentId',
    { config: { auth }, schema: { tags, summary: 'Télécharger une pièce jointe', params: ScenarioAttachmentParamsSchema } },
    async (request, reply) => {
      const file = await attachments.openAttachment(deps, requestContext(request, deps), request.params.id, request.params.attachmentId);
      return sendDownload(reply, { filename: file.filename, mediaType: file.mediaType, body: file.stream, size: file.size });
    },
  );

  r.delete(
    '/api/v1/scenarios/:id/attachments/:attachmentId',
    { config: { auth }, schema: { tags, summary: 'Retirer une pièce jointe (auteur)', params: ScenarioAttachmentParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await attachments.removeAttachment(deps, requestContext(request, deps), request.params.id, request.params.attachmentId);
      return reply.code(204).send(null);
    },
  );
}
