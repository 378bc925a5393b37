import { ERROR_MESSAGES, ErrorResponseSchema } from '@cerise/common';
import { api, ApiError, isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';

/*
 * Helpers of the administration screens: error details and codes, and binary answers (PDF, ZIP)
 * that the JSON client does not read.
 */

/** The `details` of an API error (version conflict, missing settings, possible duplicates…). */
export function errorDetails(error: unknown): unknown {
  return isApiError(error) ? error.details : undefined;
}

/** Whether the error is the API's answer with this code. */
export function hasCode(error: unknown, code: string): boolean {
  return isApiError(error) && error.code === code;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON request whose answer is validated by `schema`. */
export function sendJson<T>(method: Method, path: string, body: unknown, schema: { parse(value: unknown): T }): Promise<T> {
  switch (method) {
    case 'GET':
      return api.get(path, { schema });
    case 'POST':
      return api.post(path, body, { schema });
    case 'PUT':
      return api.put(path, body, { schema });
    case 'PATCH':
      return api.patch(path, body, { schema });
    case 'DELETE':
      return api.delete(path, { schema });
  }
}

function messageForCode(code: string): string | undefined {
  return (ERROR_MESSAGES as Record<string, string>)[code];
}

/** Sends a request and answers the raw response when it is OK; otherwise throws an `ApiError`. */
export async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', t('errors.network'));
  }
  if (response.ok) return response;
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  const parsed = ErrorResponseSchema.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    throw new ApiError(response.status, code, message || messageForCode(code) || t('errors.unexpected'), details);
  }
  const code = response.status === 401 ? 'auth.unauthenticated' : response.status === 404 ? 'common.not_found' : 'common.internal';
  throw new ApiError(response.status, code, messageForCode(code) ?? t('errors.unexpected'));
}

/** Saves a binary answer under the name the server gives (`content-disposition`). */
export async function saveResponse(response: Response, fallbackName: string): Promise<string> {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  const filename = encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}
