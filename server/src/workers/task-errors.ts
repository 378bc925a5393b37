import { AppError } from '../http/errors.ts';
import { SiecleFileError, type SiecleFileErrorCode } from '../modules/siecle/parse/errors.ts';

/**
 * Errors cross the thread boundary as plain data (structured clone keeps only an Error's message):
 * the user's errors (AppError, a refused SIECLE file) come back as they were thrown; anything
 * else is a bug, logged with its stack and answered with a French message.
 */
export type TaskError =
  | { kind: 'app'; status: number; code: string; message: string; details?: unknown }
  | { kind: 'siecle'; code: SiecleFileErrorCode; file: string; reason: string; line: number | null }
  | { kind: 'bug'; message: string; stack: string | undefined };

export function toTaskError(e: unknown): TaskError {
  if (e instanceof AppError) return { kind: 'app', status: e.status, code: e.code, message: e.message, details: e.details };
  if (e instanceof SiecleFileError) return { kind: 'siecle', code: e.code, file: e.file, reason: e.reason, line: e.line };
  if (e instanceof Error) return { kind: 'bug', message: e.message, stack: e.stack };
  return { kind: 'bug', message: String(e), stack: undefined };
}

/** The error to throw on the main thread; `bug`s become `common.worker_failed` (500). */
export function fromTaskError(e: TaskError): AppError | SiecleFileError {
  if (e.kind === 'app') return new AppError(e.status, e.code, e.message, e.details);
  if (e.kind === 'siecle') return new SiecleFileError(e.code, e.file, e.reason, e.line);
  return new AppError(500, 'common.worker_failed');
}
