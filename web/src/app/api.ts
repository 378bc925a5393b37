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

/** Whether the error is the API's answer with this code. */
export function hasCode(error: unknown, code: string): boolean {
  return isApiError(error) && error.code === code;
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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type RequestOptions<T> = {
  /** Validates (and types) the JSON answer. */
  schema?: { parse(value: unknown): T };
  signal?: AbortSignal;
};

/**
 * Sends a request with the session cookie and answers the response when it is OK; otherwise
 * throws an `ApiError`. A string body is JSON text; a `FormData` sets its own content type.
 */
async function send(method: Method, path: string, body: string | FormData | undefined, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  const init: RequestInit = { method, headers, body: body ?? null, credentials: 'same-origin', signal: signal ?? null };

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', t('errors.network'));
  }

  if (!response.ok) throw await toApiError(response);
  return response;
}

async function request<T>(method: Method, path: string, body: unknown, options: RequestOptions<T> = {}): Promise<T> {
  const encoded = body === undefined || body instanceof FormData ? body : JSON.stringify(body);
  const response = await send(method, path, encoded, options.signal);
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
  /**
   * The OK response itself, unread: for a JSON text sent as typed (a referential to import) or
   * an answer that is a file (see `downloadFile`).
   */
  raw: (method: Method, path: string, jsonText?: string, options?: { signal?: AbortSignal }) => send(method, path, jsonText, options?.signal),
};
