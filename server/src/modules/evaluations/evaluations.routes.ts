import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateEvaluationRequestSchema,
  DeleteEvaluationQuerySchema,
  ErrorWithDetailsResponseSchema,
  EvaluationChildrenResponseSchema,
  EvaluationChoicesSchema,
  EvaluationIdParamsSchema,
  EvaluationLearnerParamsSchema,
  EvaluationListQuerySchema,
  EvaluationListResponseSchema,
  EvaluationSchema,
  LearnerEvaluationListResponseSchema,
  LearnerEvaluationQuerySchema,
  LearnerEvaluationSchema,
  LearnerEvaluationsQuerySchema,
  SaveCommentRequestSchema,
  SaveCommentResponseSchema,
  SaveResultsRequestSchema,
  SaveResultsResponseSchema,
  UpdateEvaluationRequestSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { requestContext } from '../../http/request-context.ts';
import { registerItemUsageChecker } from '../referentials/referentials.lookup.ts';
import * as learnerSide from './evaluations.learner.usecases.ts';
import * as results from './evaluations.results.usecases.ts';
import { asBuffer } from '../../workers/as-buffer.ts';
import * as usecases from './evaluations.usecases.ts';
import { usedItems } from './evaluations.usage.ts';

const tags = ['evaluations'];
const teacher = { profiles: ['teacher' as const] };
const readers = { profiles: ['teacher' as const, 'administrator' as const] };
const learnerSideAuth = { profiles: ['learner' as const, 'parent' as const] };
const errors = { 400: ErrorWithDetailsResponseSchema, 403: ErrorWithDetailsResponseSchema, 404: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema };

/** Gestion des évaluations (docs/guide.md § 3.6): HTTP only; the rules are in the use cases and the policy. */
export async function evaluationsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  registerItemUsageChecker('evaluations', usedItems);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/evaluations',
    { config: { auth: readers }, schema: { tags, summary: '« Mes évaluations » (auteur ou co-auteur ; toutes pour un administrateur), filtres titre, date, classe', querystring: EvaluationListQuerySchema, response: { 200: EvaluationListResponseSchema, ...errors } } },
    async (request) => usecases.listEvaluations(deps, requestContext(request, deps), request.query),
  );

  r.get(
    '/api/v1/evaluations/choices',
    { config: { auth: teacher }, schema: { tags, summary: "Classes et groupes de l'enseignant cette année (apprenants à cocher) et enseignants (co-auteurs)", response: { 200: EvaluationChoicesSchema } } },
    async (request) => usecases.evaluationChoices(deps, requestContext(request, deps)),
  );

  r.post(
    '/api/v1/evaluations',
    { config: { auth: teacher }, schema: { tags, summary: 'Créer une évaluation (titre, date, compétences, apprenants)', body: CreateEvaluationRequestSchema, response: { 201: EvaluationSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await usecases.createEvaluation(deps, requestContext(request, deps), request.body)),
  );

  r.get(
    '/api/v1/evaluations/:id',
    { config: { auth: readers }, schema: { tags, summary: 'Une évaluation avec sa grille de résultats', params: EvaluationIdParamsSchema, response: { 200: EvaluationSchema, ...errors } } },
    async (request) => usecases.getEvaluation(deps, requestContext(request, deps), request.params.id),
  );

  r.patch(
    '/api/v1/evaluations/:id',
    { config: { auth: teacher }, schema: { tags, summary: 'Modifier la définition (version obligatoire ; confirmLoss pour retirer ce qui a des résultats)', params: EvaluationIdParamsSchema, body: UpdateEvaluationRequestSchema, response: { 200: EvaluationSchema, ...errors } } },
    async (request) => usecases.updateEvaluation(deps, requestContext(request, deps), request.params.id, request.body),
  );

  r.delete(
    '/api/v1/evaluations/:id',
    { config: { auth: teacher }, schema: { tags, summary: "Supprimer une évaluation et ses résultats (l'auteur ; journalisé)", params: EvaluationIdParamsSchema, querystring: DeleteEvaluationQuerySchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await usecases.deleteEvaluation(deps, requestContext(request, deps), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/api/v1/evaluations/:id/results',
    { config: { auth: teacher }, schema: { tags, summary: 'Enregistrer des cellules de la grille (fusion par cellule ; conflits rendus)', params: EvaluationIdParamsSchema, body: SaveResultsRequestSchema, response: { 200: SaveResultsResponseSchema, ...errors } } },
    async (request) => results.saveResults(deps, requestContext(request, deps), request.params.id, request.body.cells),
  );

  r.put(
    '/api/v1/evaluations/:id/learners/:learnerId/comment',
    { config: { auth: teacher }, schema: { tags, summary: "Le commentaire d'un apprenant (version du commentaire obligatoire)", params: EvaluationLearnerParamsSchema, body: SaveCommentRequestSchema, response: { 200: SaveCommentResponseSchema, ...errors } } },
    async (request) => results.saveComment(deps, requestContext(request, deps), request.params.id, request.params.learnerId, request.body.comment, request.body.version),
  );

  r.get(
    '/api/v1/evaluations/:id/sheet.pdf',
    { config: { auth: readers }, schema: { tags, summary: "Fiche d'évaluation vierge (PDF A4)", params: EvaluationIdParamsSchema } },
    async (request, reply) => {
      const ctx = requestContext(request, deps);
      const evaluation = await usecases.getEvaluation(deps, ctx, request.params.id);
      const body = asBuffer(await deps.workers.run('evaluations.blankSheet', { evaluation, establishmentName: ctx.actor.establishmentName }, { key: ctx.establishmentId }));
      return sendDownload(reply, { filename: `fiche-evaluation-${evaluation.evaluatedOn}.pdf`, mediaType: 'application/pdf', body, size: body.length });
    },
  );

  r.get(
    '/api/v1/learner-evaluations/people',
    { config: { auth: learnerSideAuth }, schema: { tags, summary: "Les apprenants dont on consulte les évaluations (soi-même, ou ses enfants)", response: { 200: EvaluationChildrenResponseSchema } } },
    async (request) => learnerSide.evaluationPeople(deps, requestContext(request, deps)),
  );

  r.get(
    '/api/v1/learner-evaluations',
    { config: { auth: learnerSideAuth }, schema: { tags, summary: "Les évaluations rendues visibles d'un apprenant (filtres titre et date)", querystring: LearnerEvaluationsQuerySchema, response: { 200: LearnerEvaluationListResponseSchema, ...errors } } },
    async (request) => learnerSide.listLearnerEvaluations(deps, requestContext(request, deps), request.query),
  );

  r.get(
    '/api/v1/learner-evaluations/:id',
    { config: { auth: learnerSideAuth }, schema: { tags, summary: "Une évaluation visible : les résultats et le commentaire de cet apprenant seulement", params: EvaluationIdParamsSchema, querystring: LearnerEvaluationQuerySchema, response: { 200: LearnerEvaluationSchema, ...errors } } },
    async (request) => learnerSide.getLearnerEvaluation(deps, requestContext(request, deps), request.params.id, request.query.learnerId),
  );
}
