import crypto from 'node:crypto';
import { newId, nowIso } from '../../../src/util/ids.ts';
import type { TestContext } from '../../harness.ts';
import { ADMIN, type Entry, type Req } from '../entries.ts';
import type { Side } from '../world.ts';

/**
 * Matrix entries of « Import des identifiants ENT » and of the SAML / OpenID Connect routes (one
 * per route). The import routes are the administrator's; a provider of another establishment is
 * not found (404). The public SAML/OIDC routes are in sso-federation entries below.
 */

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

async function learnerCsv(ctx: TestContext, s: Side): Promise<string> {
  const l = await ctx.db.selectFrom('users').select(['last_name', 'first_name']).where('id', '=', s.users.learner.id).executeTakeFirstOrThrow();
  return `Nom;Prénom;Identifiant ENT\r\n${l.last_name};${l.first_name};ent-${newId().slice(-10)}\r\n`;
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
};
