import type { Profile } from '@cerise/common';
import { newId, nowIso } from '../../../src/util/ids.ts';
import type { TestContext } from '../../harness.ts';
import type { Entry, Req } from '../entries.ts';
import type { Side } from '../world.ts';

/**
 * Authorization matrix entries of the sso routes (one per route): the administrator's settings and
 * links (a provider, account or link of another establishment is not found), and the public login
 * routes under /api/v1/auth/sso/ (docs/sso.md).
 */

/** An enabled CAS provider of the side, made in the database (one per request). */
async function casProvider(ctx: TestContext, s: Side): Promise<{ id: string; version: number }> {
  const id = newId();
  const at = nowIso(ctx.deps.now());
  await ctx.db
    .insertInto('sso_providers')
    .values({
      id,
      establishment_id: s.id,
      kind: 'cas',
      label: 'ENT (matrice)',
      enabled: 1,
      profiles: '["learner","parent"]',
      settings: JSON.stringify({ serverUrl: 'https://cas.ent.example/cas' }),
      idp_key: `cas:https://cas.ent.example/cas/${id}`,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  return { id, version: 1 };
}

async function identity(ctx: TestContext, s: Side, userId: string): Promise<string> {
  const provider = await casProvider(ctx, s);
  const id = newId();
  await ctx.db
    .insertInto('external_identities')
    .values({ id, establishment_id: s.id, user_id: userId, provider_id: provider.id, subject: `sujet-${id.slice(-8)}`, rule: 'admin', linked_by_user_id: null, linked_at: nowIso(ctx.deps.now()) })
    .execute();
  return id;
}

// Local copies: entries.ts imports this file, so its values are not defined yet when this one loads.
const ADMIN: Profile[] = ['administrator'];
const json = (method: Req['method'], url: string, payload?: Record<string, unknown>): Req => ({ method, url, ...(payload === undefined ? {} : { payload }) });

const casInput = (label = 'ENT de la région') => ({
  kind: 'cas',
  label,
  enabled: true,
  profiles: ['learner', 'parent'],
  settings: { serverUrl: 'https://cas.ent.example/cas' },
});

export const SSO_ENTRIES: Record<string, Entry> = {
  // Administrator: Paramètres → « Connexion ENT / ÉduConnect ».
  'GET /api/v1/sso/settings': { who: ADMIN, scoped: false, request: () => json('GET', '/api/v1/sso/settings') },
  'POST /api/v1/sso/providers': { who: ADMIN, scoped: false, ok: [201], request: () => json('POST', '/api/v1/sso/providers', casInput()) },
  'PUT /api/v1/sso/providers/:providerId': {
    who: ADMIN,
    scoped: true,
    request: async (s, _w, ctx) => {
      const p = await casProvider(ctx, s);
      return json('PUT', `/api/v1/sso/providers/${p.id}`, { ...casInput('ENT renommé'), version: p.version });
    },
  },
  'DELETE /api/v1/sso/providers/:providerId': {
    who: ADMIN,
    scoped: true,
    ok: [204],
    request: async (s, _w, ctx) => json('DELETE', `/api/v1/sso/providers/${(await casProvider(ctx, s)).id}`),
  },
  'PUT /api/v1/sso/local-login': {
    who: ADMIN,
    scoped: false,
    request: async (s, _w, ctx) => {
      const e = await ctx.db.selectFrom('establishments').select('version').where('id', '=', s.id).executeTakeFirstOrThrow();
      return json('PUT', '/api/v1/sso/local-login', { disabledProfiles: [], version: e.version });
    },
  },
  // Administrator: the ENT identifiers on a user's page.
  'GET /api/v1/sso/users/:userId/identities': { who: ADMIN, scoped: true, request: (s) => json('GET', `/api/v1/sso/users/${s.users.learner.id}/identities`) },
  'POST /api/v1/sso/users/:userId/identities': {
    who: ADMIN,
    scoped: true,
    ok: [201],
    request: async (s, _w, ctx) => json('POST', `/api/v1/sso/users/${s.users.learner.id}/identities`, { providerId: (await casProvider(ctx, s)).id, subject: `ent-${newId().slice(-10)}` }),
  },
  'POST /api/v1/sso/users/:userId/identities/copy-login': {
    who: ADMIN,
    scoped: true,
    ok: [201],
    request: async (s, _w, ctx) => json('POST', `/api/v1/sso/users/${s.users.learner.id}/identities/copy-login`, { providerId: (await casProvider(ctx, s)).id }),
  },
  'DELETE /api/v1/sso/users/:userId/identities/:identityId': {
    who: ADMIN,
    scoped: true,
    ok: [204],
    request: async (s, _w, ctx) => json('DELETE', `/api/v1/sso/users/${s.users.learner.id}/identities/${await identity(ctx, s, s.users.learner.id)}`),
  },
  // Public: the login page's buttons, the CAS login, the choice and refusal page, the logout URL.
  'GET /api/v1/auth/sso/:uai/providers': { who: 'public', scoped: false, request: (s) => json('GET', `/api/v1/auth/sso/${s.uai}/providers`) },
  'GET /api/v1/auth/sso/:uai/:providerId/cas/login': {
    who: 'public',
    scoped: false,
    ok: [302],
    request: async (s, _w, ctx) => json('GET', `/api/v1/auth/sso/${s.uai}/${(await casProvider(ctx, s)).id}/cas/login`),
  },
  'GET /api/v1/auth/sso/:uai/:providerId/cas/callback': {
    who: 'public',
    scoped: false,
    // Without the state of a login started in this browser: the refusal page, no ticket validated.
    ok: [303],
    request: async (s, _w, ctx) => json('GET', `/api/v1/auth/sso/${s.uai}/${(await casProvider(ctx, s)).id}/cas/callback?ticket=ST-1-matrice`),
  },
  'GET /api/v1/auth/sso/choose': { who: 'public', scoped: false, ok: [404], request: () => json('GET', '/api/v1/auth/sso/choose') },
  'POST /api/v1/auth/sso/choose': { who: 'public', scoped: false, ok: [404], request: () => json('POST', '/api/v1/auth/sso/choose', { candidateId: newId() }) },
  'GET /api/v1/auth/sso/logout-info': { who: 'public', scoped: false, request: () => json('GET', '/api/v1/auth/sso/logout-info') },
};
