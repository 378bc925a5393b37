import crypto from 'node:crypto';
import { newId, nowIso } from '../../../src/util/ids.ts';
import { makeUser } from '../../factories.ts';
import type { TestContext } from '../../harness.ts';
import type { Profile } from '@cerise/common';
import type { Entry, Req } from '../entries.ts';
import type { Side } from '../world.ts';
import { TEST_IDP_ENTITY_ID, TEST_KEYS } from '../../sso/saml-idp.ts';

/**
 * Matrix entries of « Import des identifiants ENT » and of the SAML / OpenID Connect routes (one
 * per route). The import routes are the administrator's; a provider of another establishment is
 * not found (404). The public SAML/OIDC routes are in sso-federation entries below.
 */

// Not imported from entries.ts: that module imports this one (a cycle would leave it undefined here).
const ADMIN: Profile[] = ['administrator'];

/** A CAS provider of the side, made in the database (each request gets its own, so apply always has something to link). */
async function provider(ctx: TestContext, s: Side): Promise<string> {
  const id = newId();
  const at = nowIso(ctx.deps.now());
  await ctx.db
    .insertInto('sso_providers')
    .values({ id, establishment_id: s.id, kind: 'cas', label: 'ENT (matrice)', enabled: 1, profiles: '["learner"]', settings: '{}', idp_key: `cas:${id}`, created_at: at, updated_at: at, version: 1 })
    .execute();
  return id;
}

/** The multipart form of the import screen: the CSV and text fields. */
export function importForm(url: string, csv: string, fields: Record<string, string> = {}): Req {
  const boundary = `----cerise${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="export-ent.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`));
  return { method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A SAML or OIDC provider of the side, made in the database. */
async function federationProvider(ctx: TestContext, s: Side, kind: 'saml' | 'oidc'): Promise<string> {
  const id = newId();
  const at = nowIso(ctx.deps.now());
  const settings =
    kind === 'saml'
      ? { idpEntityId: TEST_IDP_ENTITY_ID, ssoUrl: 'https://idp.test.invalid/idp/profile/SAML2/Redirect/SSO', idpCerts: [TEST_KEYS.idpCert] }
      : { issuer: 'http://127.0.0.1:9', clientId: 'cerise', clientSecret: 'secret' };
  await ctx.db
    .insertInto('sso_providers')
    .values({ id, establishment_id: s.id, kind, label: `Fédération ${kind}`, enabled: 1, profiles: '["learner","parent"]', settings: JSON.stringify(settings), idp_key: `${kind}:${id}`, created_at: at, updated_at: at, version: 1 })
    .execute();
  return id;
}

/** A learner with names of their own, and the ENT export line that names them. */
async function learnerCsv(ctx: TestContext, s: Side): Promise<string> {
  const tag = newId().slice(-8);
  await makeUser(ctx.deps, s.id, { profiles: ['learner'], last_name: `Matrice-${tag}`, first_name: 'Élève' });
  return `Nom;Prénom;Identifiant ENT\r\nMATRICE ${tag};Eleve;ent-${tag}\r\n`;
}

export const SSO_IMPORT_ENTRIES: Record<string, Entry> = {
  'POST /api/v1/sso/providers/:providerId/identity-import/preview': {
    who: ADMIN,
    scoped: true,
    request: async (s, _w, ctx) => importForm(`/api/v1/sso/providers/${await provider(ctx, s)}/identity-import/preview`, await learnerCsv(ctx, s)),
  },
  'POST /api/v1/sso/providers/:providerId/identity-import/apply': {
    who: ADMIN,
    scoped: true,
    request: async (s, _w, ctx) => {
      const pid = await provider(ctx, s);
      const csv = await learnerCsv(ctx, s);
      const dry = importForm(`/api/v1/sso/providers/${pid}/identity-import/preview`, csv);
      const res = await ctx.app.inject({ method: 'POST', url: dry.url, payload: dry.payload as Buffer, headers: { ...dry.headers, cookie: s.clients.administrator.cookie!, origin: 'http://localhost:3000' } });
      const digest = (res.json() as { digest?: string }).digest ?? 'none';
      return importForm(`/api/v1/sso/providers/${pid}/identity-import/apply`, csv, { digest });
    },
  },

  // Public SAML / OpenID Connect routes (docs/sso.md): no session; a refusal is a redirect to the refusal page.
  'GET /api/v1/auth/sso/:uai/:providerId/saml/login': { who: 'public', scoped: false, ok: [302], request: async (s, _w, ctx) => ({ method: 'GET', url: `/api/v1/auth/sso/${s.uai}/${await federationProvider(ctx, s, 'saml')}/saml/login` }) },
  'POST /api/v1/auth/sso/:uai/:providerId/saml/acs': {
    who: 'public',
    scoped: false,
    ok: [303],
    request: async (s, _w, ctx) => ({
      method: 'POST',
      url: `/api/v1/auth/sso/${s.uai}/${await federationProvider(ctx, s, 'saml')}/saml/acs`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://idp.test.invalid' },
      payload: new URLSearchParams({ SAMLResponse: Buffer.from('<samlp:Response/>').toString('base64') }).toString(),
    }),
  },
  'GET /api/v1/auth/sso/:uai/:providerId/saml/metadata': { who: 'public', scoped: false, request: async (s, _w, ctx) => ({ method: 'GET', url: `/api/v1/auth/sso/${s.uai}/${await federationProvider(ctx, s, 'saml')}/saml/metadata` }) },
  'GET /api/v1/auth/sso/:uai/:providerId/oidc/login': { who: 'public', scoped: false, ok: [303], request: async (s, _w, ctx) => ({ method: 'GET', url: `/api/v1/auth/sso/${s.uai}/${await federationProvider(ctx, s, 'oidc')}/oidc/login` }) },
  'GET /api/v1/auth/sso/:uai/:providerId/oidc/callback': {
    who: 'public',
    scoped: false,
    ok: [303],
    request: async (s, _w, ctx) => ({ method: 'GET', url: `/api/v1/auth/sso/${s.uai}/${await federationProvider(ctx, s, 'oidc')}/oidc/callback?code=abc&state=def` }),
  },
};
