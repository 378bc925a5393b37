import { api } from './api.ts';

/** The file name the server gives in `content-disposition` (`filename*=UTF-8''…` first). */
function fileNameOf(response: Response, fallbackName: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  return encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
}

/**
 * Fetches a file from the API (PDF, ZIP, exchange file) and saves it under the name the server
 * gives; answers that name. `body`, when given, is sent as JSON. Errors are `ApiError`s.
 */
export async function downloadFile(method: 'GET' | 'POST', path: string, fallbackName: string, body?: unknown): Promise<string> {
  const response = await api.raw(method, path, body === undefined ? undefined : JSON.stringify(body));
  const filename = fileNameOf(response, fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}
