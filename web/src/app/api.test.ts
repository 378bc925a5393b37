import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, errorText, hasCode } from './api.ts';

function respond(status: number, body?: unknown) {
  const text = body === undefined ? '' : JSON.stringify(body);
  vi.stubGlobal('fetch', vi.fn(async () => new Response(status === 204 ? null : text, { status })));
}

afterEach(() => vi.unstubAllGlobals());

describe('api', () => {
  it('returns the JSON answer, validated by the schema', async () => {
    respond(200, { uai: '0861234A', name: 'Lycée' });
    const schema = { parse: (v: unknown) => v as { uai: string } };
    await expect(api.get('/api/v1/x', { schema })).resolves.toEqual({ uai: '0861234A', name: 'Lycée' });
  });

  it('sends JSON with the session cookie', async () => {
    respond(204);
    await api.put('/api/v1/account/email', { email: 'a@b.fr' });
    const [path, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(path).toBe('/api/v1/account/email');
    expect(init).toMatchObject({ method: 'PUT', credentials: 'same-origin', body: '{"email":"a@b.fr"}' });
    expect((init!.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('sends no content type without a body (logout)', async () => {
    respond(204);
    await expect(api.post('/api/v1/auth/logout')).resolves.toBeUndefined();
    const init = vi.mocked(fetch).mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
  });

  it("throws an ApiError carrying the server's code and French message", async () => {
    respond(401, { error: { code: 'auth.invalid_credentials', message: 'Identifiant ou mot de passe incorrect.' } });
    const error = await api.post('/api/v1/auth/login', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'auth.invalid_credentials', message: 'Identifiant ou mot de passe incorrect.' });
    expect(errorText(error)).toBe('Identifiant ou mot de passe incorrect.');
  });

  it('falls back to the common catalogue when the body is not the error shape', async () => {
    respond(404, { nope: true });
    await expect(api.get('/api/v1/y')).rejects.toMatchObject({ status: 404, code: 'common.not_found', message: 'Cette ressource est introuvable.' });
  });

  it('turns a network failure into a French message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(api.get('/api/v1/z')).rejects.toMatchObject({ status: 0, code: 'network' });
    expect(errorText(new Error('boom'))).toBe('Une erreur inattendue est survenue. Réessayez dans un instant.');
  });

  it('sends a JSON text as typed and answers the response unread (raw)', async () => {
    respond(200, { applied: false });
    const response = await api.raw('POST', '/api/v1/referentials/import?dryRun=true', '{ "version": 1 }');
    const init = vi.mocked(fetch).mock.calls[0]![1]!;
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{ "version": 1 }' });
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    await expect(response.json()).resolves.toEqual({ applied: false });
  });

  it('throws the same ApiError, with its details, from a raw request', async () => {
    respond(409, { error: { code: 'referentials.version_conflict', message: 'Modifié entre-temps.', details: { currentVersion: 3 } } });
    const error = await api.raw('GET', '/api/v1/referentials/r/export').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'referentials.version_conflict', details: { currentVersion: 3 } });
    expect(hasCode(error, 'referentials.version_conflict')).toBe(true);
    expect(hasCode(new Error('boom'), 'referentials.version_conflict')).toBe(false);
  });
});
