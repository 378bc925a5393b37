import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../app/api.ts';
import { errorFromResponse, ImportFileError, isAbortError, postFormWithProgress } from './upload.ts';

type Listener = (event: { lengthComputable: boolean; loaded: number; total: number }) => void;

/** Just enough of XMLHttpRequest: the test plays the network. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  withCredentials = false;
  headers: Record<string, string> = {};
  status = 0;
  responseText = '';
  body: unknown;
  listeners: Record<string, Listener[]> = {};
  uploadListeners: Record<string, Listener[]> = {};
  upload = { addEventListener: (type: string, fn: Listener) => (this.uploadListeners[type] ??= []).push(fn) };

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  addEventListener(type: string, fn: Listener) {
    (this.listeners[type] ??= []).push(fn);
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.fire('abort');
  }
  fire(type: string, event = { lengthComputable: false, loaded: 0, total: 0 }) {
    for (const fn of this.listeners[type] ?? []) fn(event);
  }
  fireUpload(type: string, event = { lengthComputable: true, loaded: 0, total: 0 }) {
    for (const fn of this.uploadListeners[type] ?? []) fn(event);
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.fire('load');
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('postFormWithProgress', () => {
  it('reports the upload progress, then the end of the upload, then resolves with the JSON', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const onProgress = vi.fn();
    const onUploaded = vi.fn();
    const form = new FormData();
    const promise = postFormWithProgress('/api/v1/imports/teachers/analysis', form, { onProgress, onUploaded });
    const xhr = FakeXhr.last;
    expect(xhr).toMatchObject({ method: 'POST', url: '/api/v1/imports/teachers/analysis', withCredentials: true, body: form });
    expect(xhr.headers.accept).toBe('application/json');
    xhr.fireUpload('progress', { lengthComputable: true, loaded: 50, total: 200 });
    xhr.fireUpload('load');
    expect(onProgress).toHaveBeenCalledWith(50, 200);
    expect(onUploaded).toHaveBeenCalledOnce();
    xhr.respond(200, { runId: 'x' });
    await expect(promise).resolves.toEqual({ runId: 'x' });
  });

  it('turns a refused file (422) into an ImportFileError with the French message, file and line', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const promise = postFormWithProgress('/x', new FormData());
    const message = 'ElevesSansAdresses.xml, ligne 12 : balise fermante inattendue';
    FakeXhr.last.respond(422, { error: { code: 'siecle.malformed_xml', message, details: { file: 'ElevesSansAdresses.xml', line: 12 } } });
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ status: 422, code: 'siecle.malformed_xml', message, file: 'ElevesSansAdresses.xml', line: 12 });
  });

  it('keeps other API errors (409 teachers first) as ApiError', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const promise = postFormWithProgress('/x', new FormData());
    FakeXhr.last.respond(409, { error: { code: 'siecle.teachers_first', message: "Importez d'abord les enseignants" } });
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ status: 409, code: 'siecle.teachers_first' });
  });

  it('answers a network failure and an abort distinctly', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const failing = postFormWithProgress('/x', new FormData());
    FakeXhr.last.fire('error');
    await expect(failing).rejects.toMatchObject({ status: 0, code: 'network' });

    const controller = new AbortController();
    const aborted = postFormWithProgress('/x', new FormData(), { signal: controller.signal });
    controller.abort();
    const error = await aborted.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
  });
});

describe('errorFromResponse', () => {
  it('falls back on the French message of the status when the body is not the error shape', () => {
    expect(errorFromResponse(413, '<html>')).toMatchObject({ code: 'common.payload_too_large', message: expect.stringContaining('trop volumineux') });
    expect(errorFromResponse(502, '')).toMatchObject({ code: 'common.internal' });
    // A busy server (a proxy's bare 503) or an establishment past its own upload budget.
    expect(errorFromResponse(503, '')).toMatchObject({ code: 'files.server_busy', message: expect.stringContaining('réessayez dans un instant') });
    expect(errorFromResponse(429, '')).toMatchObject({ code: 'files.establishment_busy', message: expect.stringContaining('réessayez dans un instant') });
  });

  it("keeps the server's budget refusal (503, 429) with its code and French message", () => {
    const body = JSON.stringify({ error: { code: 'files.server_busy', message: 'Le serveur analyse déjà beaucoup de fichiers : réessayez dans un instant.', details: { retryAfterSeconds: 10 } } });
    expect(errorFromResponse(503, body)).toMatchObject({ status: 503, code: 'files.server_busy', message: 'Le serveur analyse déjà beaucoup de fichiers : réessayez dans un instant.' });
  });
});
