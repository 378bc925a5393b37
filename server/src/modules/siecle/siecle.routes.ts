import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema, SiecleImportReportSchema, SiecleImportRunSummarySchema } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { sendDownload } from '../../http/download.ts';
import { badRequest } from '../../http/errors.ts';
import { currentUser } from '../../http/guard.ts';
import { MAX_ZIP_BYTES } from './parse/limits.ts';
import * as usecases from './siecle.usecases.ts';

const tags = ['imports'];
const admin = { auth: { profiles: ['administrator' as const] } };
const SLOTS = { teachers: ['teachers'], learners: ['eleves', 'responsables', 'zip'] } as const;

/** Reads the uploaded files of a multipart request into memory, by field name. */
async function readUploads(request: FastifyRequest, allowed: readonly string[]): Promise<usecases.ImportUploads> {
  if (!request.isMultipart()) throw badRequest('siecle.missing_file', 'Envoyez les fichiers dans un formulaire (multipart/form-data).');
  const uploads: usecases.ImportUploads = {};
  for await (const part of request.parts({ limits: { fileSize: MAX_ZIP_BYTES, files: 3 } })) {
    if (part.type !== 'file') continue;
    if (!allowed.includes(part.fieldname)) {
      await part.toBuffer();
      throw badRequest('siecle.unexpected_field', `Champ de fichier inattendu « ${part.fieldname.slice(0, 40)} ».`);
    }
    const bytes = await part.toBuffer();
    if (bytes.length === 0) continue;
    uploads[part.fieldname as keyof usecases.ImportUploads] = { name: (part.filename || part.fieldname).slice(0, 200), bytes: new Uint8Array(bytes) };
  }
  return uploads;
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
          response: { 200: SiecleImportReportSchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema, 422: ErrorResponseSchema },
        },
      },
      async (request) => usecases.analyseImport(deps, currentUser(request), kind, await readUploads(request, SLOTS[kind])),
    );
  }

  r.post(
    '/api/v1/imports/:runId/apply',
    { config: admin, schema: { tags, summary: 'Importer les fichiers analysés (une seule transaction)', params: RunParams, response: { 200: SiecleImportReportSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema } } },
    async (request) => usecases.applyAnalysedImport(deps, currentUser(request), request.params.runId),
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
