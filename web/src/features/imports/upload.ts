import { ERROR_MESSAGES, ErrorResponseSchema } from '@cerise/common';
import { ApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';

/** A refused SIECLE/STSWEB file (HTTP 422): the message names the file and the line. */
export class ImportFileError extends ApiError {
  readonly file: string | null;
  readonly line: number | null;

  constructor(status: number, code: string, message: string, file: string | null, line: number | null) {
    super(status, code, message);
    this.name = 'ImportFileError';
    this.file = file;
    this.line = line;
  }
}

const FALLBACK_CODES: Record<number, string> = {
  401: 'auth.unauthenticated',
  403: 'common.forbidden',
  404: 'common.not_found',
  413: 'common.payload_too_large',
  429: 'files.establishment_busy',
  503: 'files.server_busy',
};

function messageForCode(code: string): string | undefined {
  return (ERROR_MESSAGES as Record<string, string>)[code];
}

function detailsOf(details: unknown): { file: string | null; line: number | null } | null {
  if (details === null || typeof details !== 'object' || !('file' in details)) return null;
  const { file, line } = details as { file?: unknown; line?: unknown };
  return { file: typeof file === 'string' ? file : null, line: typeof line === 'number' ? line : null };
}

/** The error of an answer `{ error: { code, message, details } }`, or a generic one by status. */
export function errorFromResponse(status: number, text: string): ApiError {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const parsed = ErrorResponseSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    const text = message || messageForCode(code) || t('errors.unexpected');
    const where = detailsOf(details);
    return where ? new ImportFileError(status, code, text, where.file, where.line) : new ApiError(status, code, text);
  }
  const code = FALLBACK_CODES[status] ?? 'common.internal';
  return new ApiError(status, code, messageForCode(code) ?? t('errors.unexpected'));
}

export type UploadOptions<T> = {
  /** Bytes sent so far, out of the total (fetch cannot report this: XMLHttpRequest can). */
  onProgress?: (loaded: number, total: number) => void;
  /** Every byte is sent; the server is now working on the files. */
  onUploaded?: () => void;
  signal?: AbortSignal;
  schema?: { parse(value: unknown): T };
};

/**
 * POSTs a multipart form with upload progress, sending the session cookie like the JSON
 * client. Resolves with the JSON answer; rejects with an `ApiError` (an `ImportFileError` when
 * the server names a file and a line), or an `AbortError` when the signal aborts.
 */
export function postFormWithProgress<T>(url: string, form: FormData, options: UploadOptions<T> = {}): Promise<T> {
  const { onProgress, onUploaded, signal, schema } = options;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Upload aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');

    // Upload listeners must be in place before send(), or no progress event fires.
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    });
    xhr.upload.addEventListener('load', () => onUploaded?.());

    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);

    xhr.addEventListener('load', () => {
      done();
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFromResponse(xhr.status, xhr.responseText));
        return;
      }
      try {
        const json: unknown = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
        resolve(schema ? schema.parse(json) : (json as T));
      } catch {
        reject(new ApiError(xhr.status, 'common.internal', t('errors.unexpected')));
      }
    });
    xhr.addEventListener('error', () => {
      done();
      reject(new ApiError(0, 'network', t('errors.network')));
    });
    xhr.addEventListener('abort', () => {
      done();
      reject(new DOMException('Upload aborted', 'AbortError'));
    });
    xhr.send(form);
  });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
