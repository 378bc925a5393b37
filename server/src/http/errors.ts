import { errorMessage, type ErrorCode } from '@cerise/common/errors.fr';

/**
 * An error meant for the client: a stable code, an HTTP status and a French message (from the
 * catalogue unless a more precise one is given).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | (string & {}),
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? errorMessage(code));
  }
}

export const badRequest = (code: ErrorCode | (string & {}), message?: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthenticated = () => new AppError(401, 'auth.unauthenticated');
export const forbidden = (code: ErrorCode | (string & {}) = 'common.forbidden', message?: string) =>
  new AppError(403, code, message);
export const notFound = (code: ErrorCode | (string & {}) = 'common.not_found', message?: string) =>
  new AppError(404, code, message);
export const conflict = (code: ErrorCode | (string & {}), message?: string, details?: unknown) =>
  new AppError(409, code, message, details);

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
