import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClassCcfSchema,
  ClassOverviewSchema,
  DashboardChildrenSchema,
  DashboardDivisionParamsSchema,
  DashboardDivisionsSchema,
  DashboardFilterListSchema,
  DashboardFilterParamsSchema,
  DashboardFilterSchema,
  DashboardLearnerParamsSchema,
  DashboardLearnersSchema,
  ErrorWithDetailsResponseSchema,
  LearnerDashboardSchema,
  SaveDashboardFilterRequestSchema,
  UpdateDashboardFilterRequestSchema,
} from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { requestContext } from '../../http/request-context.ts';
import * as filters from './dashboard.filters.usecases.ts';
import { asBuffer } from '../../workers/as-buffer.ts';
import * as usecases from './dashboard.usecases.ts';

const tags = ['dashboard'];
const readers = { profiles: ['administrator' as const, 'teacher' as const, 'learner' as const, 'parent' as const] };
const staff = { profiles: ['administrator' as const, 'teacher' as const] };
const teachers = { profiles: ['teacher' as const] };
const parents = { profiles: ['parent' as const] };
const errors = { 400: ErrorWithDetailsResponseSchema, 404: ErrorWithDetailsResponseSchema, 409: ErrorWithDetailsResponseSchema };

/** Tableau de bord (docs/guide.md § 3.8) and the CCF decision aid (docs/design.md §6). */
export async function dashboardRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/dashboard/learners/:learnerId',
    {
      config: { auth: readers },
      schema: { tags, summary: "Tableau de bord d'un apprenant : maîtrise, preuves, passeport, vue BEP, CCF, progression", params: DashboardLearnerParamsSchema, response: { 200: LearnerDashboardSchema, ...errors } },
    },
    async (request) => usecases.learnerDashboard(deps, requestContext(request, deps), request.params.learnerId),
  );

  r.get(
    '/api/v1/dashboard/learners/:learnerId/pdf',
    { config: { auth: readers }, schema: { tags, summary: "Tableau de bord d'un apprenant en PDF (réunion, commission CCF)", params: DashboardLearnerParamsSchema } },
    async (request, reply) => {
      const ctx = requestContext(request, deps);
      const dashboard = await usecases.learnerDashboard(deps, ctx, request.params.learnerId, 'dashboard.learner_pdf');
      const body = asBuffer(await deps.workers.run('dashboard.pdf', { dashboard, at: ctx.at }, { key: ctx.establishmentId }));
      const name = `Tableau de bord ${dashboard.learner.lastName} ${dashboard.learner.firstName}.pdf`;
      return sendDownload(reply, { filename: name, mediaType: 'application/pdf', body, size: body.length });
    },
  );

  r.get(
    '/api/v1/dashboard/divisions',
    { config: { auth: staff }, schema: { tags, summary: 'Les classes dont on peut ouvrir les tableaux de bord', response: { 200: DashboardDivisionsSchema } } },
    async (request) => usecases.listDashboardDivisions(deps, requestContext(request, deps)),
  );

  r.get(
    '/api/v1/dashboard/divisions/:divisionId/learners',
    { config: { auth: staff }, schema: { tags, summary: "Les apprenants d'une classe (choisir l'apprenant)", params: DashboardDivisionParamsSchema, response: { 200: DashboardLearnersSchema, ...errors } } },
    async (request) => usecases.listDivisionLearners(deps, requestContext(request, deps), request.params.divisionId),
  );

  r.get(
    '/api/v1/dashboard/divisions/:divisionId/overview',
    { config: { auth: staff }, schema: { tags, summary: "Vue d'ensemble d'une classe : apprenants × compétences", params: DashboardDivisionParamsSchema, response: { 200: ClassOverviewSchema, ...errors } } },
    async (request) => usecases.classOverview(deps, requestContext(request, deps), request.params.divisionId),
  );

  r.get(
    '/api/v1/dashboard/divisions/:divisionId/ccf',
    { config: { auth: staff }, schema: { tags, summary: "Aide à la décision CCF d'une classe : apprenants × épreuves, EP1", params: DashboardDivisionParamsSchema, response: { 200: ClassCcfSchema, ...errors } } },
    async (request) => usecases.classCcf(deps, requestContext(request, deps), request.params.divisionId),
  );

  r.get(
    '/api/v1/dashboard/children',
    { config: { auth: parents }, schema: { tags, summary: 'Les enfants du parent (choix en haut du tableau de bord)', response: { 200: DashboardChildrenSchema } } },
    async (request) => usecases.listChildren(deps, requestContext(request, deps)),
  );

  r.get(
    '/api/v1/dashboard/filters',
    { config: { auth: teachers }, schema: { tags, summary: 'Mes filtres enregistrés', response: { 200: DashboardFilterListSchema } } },
    async (request) => filters.listFilters(deps, requestContext(request, deps)),
  );

  r.post(
    '/api/v1/dashboard/filters',
    { config: { auth: teachers }, schema: { tags, summary: '« Enregistrer le filtre »', body: SaveDashboardFilterRequestSchema, response: { 201: DashboardFilterSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await filters.createFilter(deps, requestContext(request, deps), request.body)),
  );

  r.put(
    '/api/v1/dashboard/filters/:filterId',
    {
      config: { auth: teachers },
      schema: { tags, summary: '« Modifier le filtre » (version obligatoire)', params: DashboardFilterParamsSchema, body: UpdateDashboardFilterRequestSchema, response: { 200: DashboardFilterSchema, ...errors } },
    },
    async (request) => filters.updateFilter(deps, requestContext(request, deps), request.params.filterId, request.body),
  );

  r.delete(
    '/api/v1/dashboard/filters/:filterId',
    { config: { auth: teachers }, schema: { tags, summary: '« Supprimer le filtre »', params: DashboardFilterParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await filters.deleteFilter(deps, requestContext(request, deps), request.params.filterId);
      return reply.code(204).send(null);
    },
  );
}
