import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BepChoicesQuerySchema,
  BepChoicesResponseSchema,
  BlockedListResponseSchema,
  ErrorWithDetailsResponseSchema,
  ExtractQuerySchema,
  PassportAttachmentParamsSchema,
  PassportBlockParamsSchema,
  PassportChildrenResponseSchema,
  PassportClassesResponseSchema,
  PassportDivisionParamsSchema,
  PassportIdParamsSchema,
  PassportLearnerParamsSchema,
  ReviewInputSchema,
  SituationDetailSchema,
  SituationInputSchema,
  SituationItemsSchema,
  SituationListQuerySchema,
  SituationListResponseSchema,
  SituationUpdateSchema,
  PassportVersionQuerySchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { requestContext } from '../../http/request-context.ts';
import { receiveFiles } from '../../http/upload.ts';
import * as attachments from './passport.attachments.usecases.ts';
import * as extract from './passport.extract.ts';
import * as teacher from './passport.teacher.usecases.ts';
import * as usecases from './passport.usecases.ts';

const tags = ['passport'];
const READERS = { profiles: ['learner' as const, 'teacher' as const, 'parent' as const, 'administrator' as const] };
const LEARNER = { profiles: ['learner' as const] };
const TEACHER = { profiles: ['teacher' as const] };
const STAFF = { profiles: ['teacher' as const, 'administrator' as const] };
const errors = { 400: ErrorWithDetailsResponseSchema, 404: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema };
const detail = { 200: SituationDetailSchema, ...errors };

/** HTTP routes of the passport module (docs/guide.md §§ 3.7–3.8): validate, call a use case, present. */
export async function passportRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps);

  r.get('/api/v1/passport/learners/:learnerId/situations', {
    config: { auth: READERS },
    schema: { tags, summary: "Situations professionnelles d'un apprenant (filtres titre, date, compétence) et ses compétences bloquées", params: PassportLearnerParamsSchema, querystring: SituationListQuerySchema, response: { 200: SituationListResponseSchema, ...errors } },
  }, async (request) => usecases.listSituations(deps, ctx(request), request.params.learnerId, request.query));

  r.get('/api/v1/passport/situations/:id', {
    config: { auth: READERS },
    schema: { tags, summary: 'Une situation professionnelle (parties BAC PRO et BEP, pièces jointes, évaluations)', params: PassportIdParamsSchema, response: detail },
  }, async (request) => usecases.getSituation(deps, ctx(request), request.params.id));

  r.post('/api/v1/passport/situations', {
    config: { auth: LEARNER },
    schema: { tags, summary: '« Nouvelle situation professionnelle » (apprenant)', body: SituationInputSchema, response: { 201: SituationDetailSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await usecases.createSituation(deps, ctx(request), request.body)));

  r.put('/api/v1/passport/situations/:id', {
    config: { auth: LEARNER },
    schema: { tags, summary: 'Modifier sa situation professionnelle (version obligatoire)', params: PassportIdParamsSchema, body: SituationUpdateSchema, response: detail },
  }, async (request) => usecases.updateSituation(deps, ctx(request), request.params.id, request.body));

  r.delete('/api/v1/passport/situations/:id', {
    config: { auth: LEARNER },
    schema: { tags, summary: 'Supprimer sa situation professionnelle', params: PassportIdParamsSchema, querystring: PassportVersionQuerySchema, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await usecases.deleteSituation(deps, ctx(request), request.params.id, request.query.version);
    return reply.code(204).send(null);
  });

  r.post('/api/v1/passport/situations/:id/attachments', {
    config: { auth: LEARNER },
    schema: { tags, summary: 'Joindre des fichiers (PDF, ZIP, JPEG, PNG ; champ « part » : common, bacpro ou bep)', params: PassportIdParamsSchema, response: { 201: SituationDetailSchema, ...errors } },
  }, async (request, reply) => {
    const context = ctx(request);
    const upload = await receiveFiles(request, { maxFiles: 5 });
    try {
      return reply.code(201).send(await attachments.addAttachments(deps, context, request.params.id, upload.files, upload.fields.part));
    } finally {
      await upload.cleanup();
    }
  });

  r.delete('/api/v1/passport/situations/:id/attachments/:attachmentId', {
    config: { auth: LEARNER },
    schema: { tags, summary: 'Retirer une pièce jointe', params: PassportAttachmentParamsSchema, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await attachments.removeAttachment(deps, ctx(request), request.params.id, request.params.attachmentId);
    return reply.code(204).send(null);
  });

  r.get('/api/v1/passport/situations/:id/attachments/:attachmentId', {
    config: { auth: READERS },
    schema: { tags, summary: 'Télécharger une pièce jointe (jamais affichée dans la page)', params: PassportAttachmentParamsSchema },
  }, async (request, reply) => {
    const file = await attachments.openAttachment(deps, ctx(request), request.params.id, request.params.attachmentId);
    return sendDownload(reply, { filename: file.filename, mediaType: file.mediaType, body: file.stream, size: file.size });
  });

  r.post('/api/v1/passport/situations/:id/reviews', {
    config: { auth: TEACHER },
    schema: { tags, summary: 'Évaluer la situation (RT, RP, ECA, TE et appréciation)', params: PassportIdParamsSchema, body: ReviewInputSchema, response: { 201: SituationDetailSchema, ...errors } },
  }, async (request, reply) => reply.code(201).send(await teacher.reviewSituation(deps, ctx(request), request.params.id, request.body)));

  r.put('/api/v1/passport/situations/:id/items', {
    config: { auth: TEACHER },
    schema: { tags, summary: 'Ajuster les complexités et aléas de la situation (enseignant)', params: PassportIdParamsSchema, body: SituationItemsSchema, response: detail },
  }, async (request) => teacher.adjustItems(deps, ctx(request), request.params.id, request.body));

  r.put('/api/v1/passport/learners/:learnerId/blocked/:competencyId', {
    config: { auth: TEACHER },
    schema: { tags, summary: 'Bloquer une compétence pour cet apprenant', params: PassportBlockParamsSchema, response: { 200: BlockedListResponseSchema, ...errors } },
  }, async (request) => teacher.blockCompetency(deps, ctx(request), request.params.learnerId, request.params.competencyId));

  r.delete('/api/v1/passport/learners/:learnerId/blocked/:competencyId', {
    config: { auth: TEACHER },
    schema: { tags, summary: 'Débloquer une compétence pour cet apprenant', params: PassportBlockParamsSchema, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await teacher.unblockCompetency(deps, ctx(request), request.params.learnerId, request.params.competencyId);
    return reply.code(204).send(null);
  });

  r.get('/api/v1/passport/bep-activities', {
    config: { auth: READERS },
    schema: { tags, summary: 'Les 17 activités du BEP MSA, suggestions pour la compétence en premier', querystring: BepChoicesQuerySchema, response: { 200: BepChoicesResponseSchema, ...errors } },
  }, async (request) => usecases.bepChoices(deps, ctx(request), request.query));

  r.get('/api/v1/passport/classes', {
    config: { auth: STAFF },
    schema: { tags, summary: "Les classes de l'enseignant et leurs apprenants (tout l'établissement pour la direction)", response: { 200: PassportClassesResponseSchema } },
  }, async (request) => teacher.passportClasses(deps, ctx(request)));

  r.get('/api/v1/passport/children', {
    config: { auth: { profiles: ['parent' as const] } },
    schema: { tags, summary: 'Les enfants du parent (lecture de leur passeport)', response: { 200: PassportChildrenResponseSchema } },
  }, async (request) => teacher.passportChildren(deps, ctx(request)));

  r.get('/api/v1/passport/learners/:learnerId/extract.pdf', {
    config: { auth: STAFF },
    schema: { tags, summary: 'Extrait du passeport pour le dossier CCF (un pôle ou tous)', params: PassportLearnerParamsSchema, querystring: ExtractQuerySchema },
  }, async (request, reply) => {
    const file = await extract.learnerExtract(deps, ctx(request), request.params.learnerId, request.query.pole || undefined);
    return sendDownload(reply, { filename: file.filename, mediaType: 'application/pdf', body: file.body });
  });

  r.get('/api/v1/passport/classes/:divisionId/extracts.zip', {
    config: { auth: STAFF },
    schema: { tags, summary: 'Les extraits CCF de toute la classe (ZIP)', params: PassportDivisionParamsSchema, querystring: ExtractQuerySchema },
  }, async (request, reply) => {
    const file = await extract.classExtracts(deps, ctx(request), request.params.divisionId, request.query.pole || undefined);
    return sendDownload(reply, { filename: file.filename, mediaType: 'application/zip', body: file.body });
  });
}
