import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessage } from '@cerise/common';
import { SiecleFileError } from '../modules/siecle/parse/errors.ts';
import { AppError, errorBody } from './errors.ts';

const FASTIFY_CODES: Record<number, string> = {
  400: 'common.validation',
  404: 'common.not_found',
  405: 'common.not_found',
  406: 'common.validation',
  413: 'common.payload_too_large',
  415: 'common.unsupported_media_type',
  429: 'common.rate_limited',
};

/** One error shape for every failure: `{error:{code,message}}`, the message in French. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const details = error.details as { retryAfterSeconds?: number } | undefined;
      if ((error.status === 429 || error.status === 503) && details?.retryAfterSeconds) reply.header('retry-after', String(details.retryAfterSeconds));
      return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (error instanceof SiecleFileError) {
      // A refused SIECLE/STSWEB file: the French message names the file and the line.
      return reply.code(422).send(errorBody(error.code, error.message, { file: error.file, line: error.line }));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return reply.code(400).send(errorBody('common.validation', errorMessage('common.validation'), { fields }));
    }
    if (isMalformedMultipart(error, request.isMultipart?.() ?? false)) {
      return reply.code(400).send(errorBody('common.validation', 'Le formulaire envoyé est incomplet ou mal formé : envoyez-le à nouveau.'));
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = FASTIFY_CODES[status] ?? 'common.validation';
      return reply.code(status).send(errorBody(code, errorMessage(code)));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(errorBody('common.internal', errorMessage('common.internal')));
  });
}

/** busboy's errors on a cut or malformed multipart body (no closing boundary…): the client's fault. */
function isMalformedMultipart(error: Error, multipartRequest: boolean): boolean {
  // A multipart stream that ends before its closing boundary surfaces as a premature close.
  if (multipartRequest && (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  return /Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found|Part terminated early/i.test(error.message ?? '');
}
