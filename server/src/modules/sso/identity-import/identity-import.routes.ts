import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponseSchema, IdentityImportAppliedSchema, IdentityImportReportSchema } from '@cerise/common';
import type { Deps } from '../../../deps.ts';
import { requestContext } from '../../../http/request-context.ts';
import { receiveFiles } from '../../../http/upload.ts';
import { MAX_IMPORT_BYTES } from './identity-import.csv.ts';
import * as usecases from './identity-import.usecases.ts';

const tags = ['sso'];
const auth = { profiles: ['administrator' as const] };
const params = z.object({ providerId: z.string().max(100) });
const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 422: ErrorResponseSchema };

/** The multipart form: `file` (the CSV), `mapping` (a preset id or a mapping as JSON), `digest` (apply). */
async function withUpload<T>(request: FastifyRequest, fn: (input: { file: { tmpPath: string; size: number } | null; fields: Record<string, string> }) => Promise<T>): Promise<T> {
  const upload = await receiveFiles(request, { maxBytes: MAX_IMPORT_BYTES, maxFiles: 1 });
  try {
    return await fn({ file: upload.files.find((f) => f.field === 'file') ?? null, fields: upload.fields });
  } finally {
    await upload.cleanup();
  }
}

/** « Import des identifiants ENT » (docs/sso.md): a dry run, then apply all or nothing. */
export async function identityImportRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/sso/providers/:providerId/identity-import/preview',
    {
      config: { auth },
      schema: { tags, summary: 'Import des identifiants ENT : lecture du fichier et rapport, sans rien enregistrer', params, response: { 200: IdentityImportReportSchema, ...errors } },
    },
    async (request) => {
      const ctx = requestContext(request, deps);
      return withUpload(request, ({ file, fields }) => usecases.previewImport(deps, ctx, { providerId: request.params.providerId, file, mapping: fields['mapping'] }));
    },
  );

  r.post(
    '/api/v1/sso/providers/:providerId/identity-import/apply',
    {
      config: { auth },
      schema: { tags, summary: 'Import des identifiants ENT : appliquer les rattachements du rapport (tout ou rien)', params, response: { 200: IdentityImportAppliedSchema, ...errors } },
    },
    async (request) => {
      const ctx = requestContext(request, deps);
      return withUpload(request, ({ file, fields }) =>
        usecases.applyImport(deps, ctx, { providerId: request.params.providerId, file, mapping: fields['mapping'], digest: fields['digest'] }),
      );
    },
  );
}
