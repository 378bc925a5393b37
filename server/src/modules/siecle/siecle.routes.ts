import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema, SiecleImportReportSchema, SiecleImportRunSummarySchema } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { currentUser } from '../../http/guard.ts';
import { requestContext } from '../../http/request-context.ts';
import { withAnalysisSlot, withBudgetedUploads } from './siecle.budget.ts';
import * as usecases from './siecle.usecases.ts';

const tags = ['imports'];
const admin = { auth: { profiles: ['administrator' as const] } };
const SLOTS = { teachers: ['teachers'], learners: ['eleves', 'responsables', 'zip'] } as const;

/**
 * An analysis's answer, serialised by the worker through the same response schema
 * (siecle.plan-task.ts `analyseImportTask`): sent as it is, as fastify sends a JSON string.
 */
function sendSerialised(reply: FastifyReply, answer: usecases.AnalysisAnswer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(answer.json);
}

export async function siecleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const RunParams = z.object({ runId: z.uuid() });

  for (const kind of ['teachers', 'learners'] as const) {
    r.post(
      `/api/v1/imports/${kind}/analysis`,
      {
        config: admin,
        schema: {
          tags,
          summary: kind === 'teachers' ? 'Analyser un export STSWEB (enseignants, direction)' : 'Analyser les exports élèves et responsables',
          description: `multipart/form-data, champs : ${SLOTS[kind].join(', ')} (.xml ou .zip)`,
          consumes: ['multipart/form-data'],
          response: { 200: SiecleImportReportSchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema, 422: ErrorResponseSchema, 429: ErrorResponseSchema, 503: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const actor = currentUser(request);
        const answer = await withBudgetedUploads(deps, request, actor.establishmentId, SLOTS[kind], (uploads) => usecases.analyseImportJson(deps, actor, kind, uploads));
        return sendSerialised(reply, answer);
      },
    );
  }

  r.post(
    '/api/v1/imports/:runId/apply',
    { config: admin, schema: { tags, summary: 'Importer les fichiers analysés (une seule transaction)', params: RunParams, response: { 200: SiecleImportReportSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 503: ErrorResponseSchema } } },
    async (request, reply) => sendSerialised(reply, await withAnalysisSlot(deps, () => usecases.applyAnalysedImport(deps, { ...currentUser(request), ip: requestContext(request, deps).ip }, request.params.runId))),
  );

  r.post(
    '/api/v1/imports/:runId/reanalysis',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Analyser à nouveau les fichiers d’une analyse (périmée par une importation plus récente) ; l’ancienne analyse est retirée',
        params: RunParams,
        response: { 200: SiecleImportReportSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 422: ErrorResponseSchema, 503: ErrorResponseSchema },
      },
    },
    async (request, reply) => sendSerialised(reply, await withAnalysisSlot(deps, () => usecases.reanalyseImport(deps, currentUser(request), request.params.runId))),
  );

  r.get(
    '/api/v1/imports',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Historique des importations (et si les enseignants ont déjà été importés)',
        response: { 200: z.object({ items: z.array(SiecleImportRunSummarySchema), teachersImported: z.boolean() }) },
      },
    },
    async (request) => usecases.listImportRuns(deps, currentUser(request).establishmentId),
  );

  r.delete(
    '/api/v1/imports/:runId',
    { config: admin, schema: { tags, summary: 'Annuler une analyse non appliquée', params: RunParams, response: { 204: z.null(), 404: ErrorResponseSchema, 409: ErrorResponseSchema } } },
    async (request, reply) => {
      await usecases.cancelAnalysis(deps, currentUser(request).establishmentId, request.params.runId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/imports/:runId',
    { config: admin, schema: { tags, summary: "Rapport d'une importation", params: RunParams, response: { 200: SiecleImportReportSchema, 404: ErrorResponseSchema } } },
    async (request) => usecases.getImportReport(deps, currentUser(request).establishmentId, request.params.runId),
  );

  for (const format of ['csv', 'pdf'] as const) {
    r.get(
      `/api/v1/imports/:runId/report.${format}`,
      { config: admin, schema: { tags, summary: format === 'csv' ? 'Rapport en CSV (séparateur ;)' : 'Rapport imprimable (PDF)', params: RunParams } },
      async (request, reply) => sendDownload(reply, await usecases.importReportFile(deps, currentUser(request).establishmentId, request.params.runId, format)),
    );
  }
}
