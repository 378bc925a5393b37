import { ERROR_MESSAGES, ErrorResponseSchema } from '@cerise/common';
import { t } from './i18n/t.ts';

/** An error answered by the API (`{ error: { code, message } }`), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The error's `details` (e.g. `currentVersion` of a 409, `file`/`line` of a refused import). */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The French sentence to show for any error thrown while talking to the API. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message;
  return t('errors.unexpected');
}

function messageForCode(code: string): string | undefined {
  return (ERROR_MESSAGES as Record<string, string>)[code];
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const parsed = ErrorResponseSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message || messageForCode(code) || t('errors.unexpected'), details);
  }
  const code = response.status === 404 ? 'common.not_found' : response.status === 401 ? 'auth.unauthenticated' : 'common.internal';
  return new ApiError(response.status, code, messageForCode(code) ?? t('errors.unexpected'));
}

type RequestOptions<T> = {
  /** Validates (and types) the JSON answer. */
  schema?: { parse(value: unknown): T };
  signal?: AbortSignal;
};

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal ?? null };
  if (body !== undefined) {
    if (body instanceof FormData) {
      init.body = body;
    } else {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', t('errors.network'));
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  return options.schema ? options.schema.parse(json) : (json as T);
}

/** The JSON client of the Cerise Pro API; every call sends the session cookie. */
export const api = {
  get: <T = unknown>(path: string, options?: RequestOptions<T>) => request<T>('GET', path, undefined, options),
  post: <T = unknown>(path: string, body?: unknown, options?: RequestOptions<T>) => request<T>('POST', path, body, options),
  put: <T = unknown>(path: string, body?: unknown, options?: RequestOptions<T>) => request<T>('PUT', path, body, options),
  patch: <T = unknown>(path: string, body?: unknown, options?: RequestOptions<T>) => request<T>('PATCH', path, body, options),
  delete: <T = unknown>(path: string, options?: RequestOptions<T>) => request<T>('DELETE', path, undefined, options),
};
