import crypto from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityImportReport } from '@cerise/common';
import { createTestApp, TestClient, type TestContext } from '../../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser, uniqueUai } from '../../../../test/factories.ts';
import { multipart } from '../../../../test/multipart.ts';
import { clientFor } from '../../../../test/sessions.ts';
import { generateSiecleFiles, makeSchool } from '../../../../test/fixtures/siecle/generate.ts';
import { newId, nowIso } from '../../../util/ids.ts';

/** A multipart form with the CSV and text fields, as the screen sends it. */
function form(csv: Uint8Array | string, fields: Record<string, string> = {}) {
  const boundary = `----cerise${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="export-ent.csv"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(Buffer.from(csv));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let ctx: TestContext;
let est: { id: string; uai: string };
let admin: TestClient;
let providerId: string;

async function makeProvider(establishmentId: string, label = 'ENT de la région') {
  const id = newId();
  const at = nowIso(ctx.deps.now());
  await ctx.db
    .insertInto('sso_providers')
    .values({ id, establishment_id: establishmentId, kind: 'cas', label, enabled: 1, profiles: '["learner","parent"]', settings: '{}', idp_key: `cas:${id}`, created_at: at, updated_at: at, version: 1 })
    .execute();
  return id;
}

const preview = (csv: Uint8Array | string, fields: Record<string, string> = {}, pid = providerId) =>
  admin.request({ method: 'POST', url: `/api/v1/sso/providers/${pid}/identity-import/preview`, ...form(csv, fields) });
const apply = (csv: Uint8Array | string, fields: Record<string, string>, pid = providerId) =>
  admin.request({ method: 'POST', url: `/api/v1/sso/providers/${pid}/identity-import/apply`, ...form(csv, fields) });
const links = () => ctx.db.selectFrom('external_identities').select(['user_id', 'subject', 'rule', 'linked_by_user_id']).where('provider_id', '=', providerId).execute();

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps);
  const a = await makeUser(ctx.deps, est.id, { profiles: ['administrator'] });
  admin = await clientFor(ctx, a);
  providerId = await makeProvider(est.id);
});
afterAll(() => ctx.close());

describe('Import des identifiants ENT: matching', () => {
  it('matches on folded names (accents, case, hyphens), reports homonyms, unknown rows, a learner who left, duplicates in the file', async () => {
    const zoe = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Lefèvre', first_name: 'Zoé', login: 'zoe.lefevre' });
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Martin', first_name: 'Léa', login: 'lea.martin1' });
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'MARTIN', first_name: 'Lea', login: 'lea.martin2' });
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Dupont', first_name: 'Hugo', left_at: '2026-09-30T00:00:00.000Z' });
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: "N'Diaye", first_name: 'Anne-Sophie', login: 'as.ndiaye' });
    const csv = [
      'Nom;Prénom;Identifiant ENT;Profil',
      'LEFEVRE;Zoe;ent-zoe;Élève',
      'Martin;Léa;ent-lea;Élève',
      'Dupont;Hugo;ent-hugo;Élève',
      'Inconnu;Personne;ent-x;Élève',
      'N DIAYE;anne sophie;ent-as;Élève',
      'N DIAYE;anne sophie;ent-as;Élève',
      ';;;',
    ].join('\r\n');
    const res = await preview(csv);
    expect(res.statusCode).toBe(200);
    const report = res.json() as IdentityImportReport;
    expect(report.mapping).toMatchObject({ headerRows: 1, idEnt: 'Identifiant ENT', lastName: 'Nom', firstName: 'Prénom' }); // the Kosmos preset, found by its header
    const by = (id: string) => report.rows.find((r) => r.idEnt === id)!;
    expect(by('ent-zoe')).toMatchObject({ outcome: 'linked', matchedBy: 'names', account: { id: zoe.id } });
    expect(by('ent-lea')).toMatchObject({ outcome: 'homonyms', candidates: 2, account: null });
    expect(by('ent-hugo').outcome).toBe('left');
    expect(by('ent-x').outcome).toBe('unknown');
    expect(report.rows.filter((r) => r.idEnt === 'ent-as').map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(report.counts).toMatchObject({ linked: 1, homonyms: 1, left: 1, unknown: 1, duplicate: 2 });
    // The blank line is skipped; line numbers are the file's.
    expect(by('ent-x').line).toBe(5);
    // A dry run writes nothing.
    expect(await links()).toHaveLength(0);
  });

  it('matches on the SIECLE id or the INE when the file has them, and reports an id already taken and a changed one', async () => {
    const pid = await makeProvider(est.id, 'ENT 2');
    const l1 = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Bernard', first_name: 'Lina', external_id: 'eleve:700001' });
    const l2 = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Bernard', first_name: 'Lina', national_id: '0987654321K' });
    const l3 = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Petit', first_name: 'Tom', external_id: 'eleve:700003' });
    const l4 = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Roux', first_name: 'Ana', external_id: 'eleve:700004' });
    const at = nowIso(ctx.deps.now());
    await ctx.db
      .insertInto('external_identities')
      .values([
        { id: newId(), establishment_id: est.id, user_id: l3.id, provider_id: pid, subject: 'old-tom', rule: 'admin', linked_by_user_id: null, linked_at: at },
        { id: newId(), establishment_id: est.id, user_id: l3.id === l4.id ? l3.id : l4.id, provider_id: pid, subject: 'ent-taken', rule: 'admin', linked_by_user_id: null, linked_at: at },
      ])
      .execute();
    const mapping = JSON.stringify({ headerRows: 1, idEnt: 0, lastName: 1, firstName: 2, sconetId: 3, ine: 4 });
    const csv = ['id,nom,prenom,sconet,ine', 'ent-lina1,Bernard,Lina,700001,', 'ent-lina2,Bernard,Lina,,0987654321k', 'ent-tom,Petit,Tom,700003,', 'ent-taken,Bernard,Lina,,', 'ent-ghost,Fantome,Casper,799999,'].join('\n');
    const report = (await preview(csv, { mapping }, pid)).json() as IdentityImportReport;
    const by = (id: string) => report.rows.find((r) => r.idEnt === id)!;
    expect(report.delimiter).toBe(',');
    expect(by('ent-lina1')).toMatchObject({ outcome: 'linked', matchedBy: 'sconet_id', account: { id: l1.id } });
    expect(by('ent-lina2')).toMatchObject({ outcome: 'linked', matchedBy: 'ine', account: { id: l2.id } });
    expect(by('ent-tom')).toMatchObject({ outcome: 'changed', previous: 'old-tom', account: { id: l3.id } });
    // By names this row finds the two Lina Bernard: homonyms, whatever holds the id.
    expect(by('ent-taken').outcome).toBe('homonyms');
    expect(by('ent-ghost').outcome).toBe('unknown');

    const csv2 = ['id,nom,prenom,sconet,ine', 'ent-taken,Bernard,Lina,700001,'].join('\n');
    const r2 = (await preview(csv2, { mapping }, pid)).json() as IdentityImportReport;
    expect(r2.rows[0]).toMatchObject({ outcome: 'taken', previous: l4.login });

    const applied = await apply(csv, { mapping, digest: report.digest }, pid);
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toEqual({ linked: 2, changed: 1 });
    const rows = await ctx.db.selectFrom('external_identities').select(['user_id', 'subject', 'rule']).where('provider_id', '=', pid).execute();
    expect(rows.map((r) => [r.user_id, r.subject]).sort()).toEqual(
      [
        [l1.id, 'ent-lina1'],
        [l2.id, 'ent-lina2'],
        [l3.id, 'ent-tom'],
        [l4.id, 'ent-taken'],
      ].sort(),
    );
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'sso.identities_imported').where('target_id', '=', pid).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ linked: 2, changed: 1, homonyms: 1, unknown: 1 });
  });

  it('reads Windows-1252 and UTF-8 with a BOM alike', async () => {
    await makeUser(ctx.deps, est.id, { profiles: ['parent'], last_name: 'Lemaître', first_name: 'Hélène' });
    const csv = 'Nom;Prénom;Identifiant ENT\r\nLemaître;Hélène;ent-helene\r\n';
    const cp = (await preview(iconv.encode(csv, 'windows-1252'))).json() as IdentityImportReport;
    const bom = (await preview(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))).json() as IdentityImportReport;
    expect(cp.encoding).toBe('windows-1252');
    expect(bom.encoding).toBe('utf-8');
    for (const r of [cp, bom]) expect(r.rows[0]).toMatchObject({ lastName: 'Lemaître', firstName: 'Hélène', outcome: 'linked' });
  });

  it('refuses bad input with stable codes: no file, empty file, an unknown column, a bad mapping, a provider of another establishment', async () => {
    const other = await makeEstablishment(ctx.deps);
    const otherProvider = await makeProvider(other.id);
    expect((await preview('', {})).json().error.code).toBe('sso.import_empty_file');
    expect((await preview('a;b;c\n1;2;3', { mapping: JSON.stringify({ headerRows: 1, idEnt: 'Identifiant ENT', lastName: 0, firstName: 1 }) })).json().error.code).toBe('sso.import_unknown_column');
    expect((await preview('a;b;c\n1;2;3', { mapping: '{pas du json' })).json().error.code).toBe('sso.import_invalid_mapping');
    expect((await preview('a;b;c\n1;2;3', {}, otherProvider)).statusCode).toBe(404);
    const noFile = await admin.request({ method: 'POST', url: `/api/v1/sso/providers/${providerId}/identity-import/preview`, ...multipart([]) });
    expect(noFile.json().error.code).toBe('sso.import_missing_file');
  });
});

describe('Import des identifiants ENT: a 300-learner class from SIECLE, all or nothing', () => {
  it('links every learner of an ENT-shaped export, reports the homonyms, and applies in one transaction', async () => {
    const school = makeSchool({ uai: uniqueUai(), schoolYear: 2026, learners: 300, divisions: 1, accents: true, siblings: 0 });
    const files = generateSiecleFiles(school);
    const e2 = await makeEstablishment(ctx.deps, { uai: school.uai ?? undefined });
    const a2 = await makeUser(ctx.deps, e2.id, { profiles: ['administrator'] });
    const admin2 = new TestClient(ctx.app);
    await admin2.login(e2.uai, a2.login, DEFAULT_PASSWORD);
    const sts = await admin2.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...multipart([{ field: 'teachers', filename: `sts_emp_${school.uai}_2026.xml`, content: files.sts }]) });
    expect((await admin2.post(`/api/v1/imports/${sts.json().runId}/apply`)).statusCode).toBe(200);
    const analysis = await admin2.request({
      method: 'POST',
      url: '/api/v1/imports/learners/analysis',
      ...multipart([
        { field: 'eleves', filename: 'ElevesSansAdresses.xml', content: files.eleves },
        { field: 'responsables', filename: 'ResponsablesAvecAdresses.xml', content: files.responsables },
      ]),
    });
    expect(analysis.statusCode, analysis.body).toBe(200);
    const applied = await admin2.post(`/api/v1/imports/${analysis.json().runId}/apply`);
    expect(applied.statusCode, applied.body).toBe(200);
    const readLearners = () => ctx.db.selectFrom('users').select(['id', 'last_name', 'first_name', 'external_id']).where('establishment_id', '=', e2.id).where('is_learner', '=', 1).where('hidden_at', 'is', null).orderBy('id').execute();
    const firstRead = await readLearners();
    expect(firstRead.length).toBeGreaterThanOrEqual(290);
    // Two learners of the class share their names (a real class has some): the ENT export lists both.
    const [h1, h2] = firstRead;
    await ctx.db.updateTable('users').set({ last_name: h1!.last_name, first_name: h1!.first_name }).where('id', '=', h2!.id).execute();
    const learners = await readLearners();
    const pid = await makeProvider(e2.id, 'ENT');
    // The ENT's export, as Kosmos writes it: upper-case names without accents, Windows-1252, `;`.
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    const lines = ['Nom;Prénom;Identifiant ENT;Profil;Classe', ...learners.map((l) => `${fold(l.last_name)};${fold(l.first_name)};ent.${l.id.slice(-12)};Élève;2GA1`)];
    const csv = iconv.encode(lines.join('\r\n'), 'windows-1252');
    const c2 = await clientFor(ctx, a2);
    const res = await c2.request({ method: 'POST', url: `/api/v1/sso/providers/${pid}/identity-import/preview`, ...form(csv) });
    expect(res.statusCode).toBe(200);
    const report = res.json() as IdentityImportReport;
    expect(report.rows).toHaveLength(learners.length);
    // Expected from the data: a learner whose folded names another learner shares is a homonym.
    const key = (l: { last_name: string; first_name: string }) => `${fold(l.last_name).replace(/[^A-Z0-9]+/g, ' ').trim()}|${fold(l.first_name).replace(/[^A-Z0-9]+/g, ' ').trim()}`;
    const perKey = new Map<string, number>();
    for (const l of learners) perKey.set(key(l), (perKey.get(key(l)) ?? 0) + 1);
    const homonyms = learners.filter((l) => perKey.get(key(l))! > 1).length;
    expect(homonyms).toBeGreaterThanOrEqual(2);
    expect(report.counts.homonyms).toBe(homonyms);
    expect(report.counts.linked).toBe(learners.length - homonyms);
    expect(report.rows.filter((r) => r.outcome === 'homonyms').every((r) => r.candidates === perKey.get(key({ last_name: r.lastName, first_name: r.firstName })))).toBe(true);

    // The same export with the ELEVE_ID column (an Atos-style export) tells every homonym apart.
    const withIds = iconv.encode(['ENT;SIECLE;Nom;Prénom;ELEVE_ID', ...learners.map((l) => `ent.${l.id.slice(-12)};x;${fold(l.last_name)};${fold(l.first_name)};${l.external_id!.slice('eleve:'.length)}`)].join('\r\n'), 'windows-1252');
    const byId = (await c2.request({ method: 'POST', url: `/api/v1/sso/providers/${pid}/identity-import/preview`, ...form(withIds, { mapping: JSON.stringify({ headerRows: 1, idEnt: 0, lastName: 2, firstName: 3, sconetId: 4 }) }) })).json() as IdentityImportReport;
    expect(byId.counts.linked).toBe(learners.length);
    expect(byId.rows.every((r) => r.matchedBy === 'sconet_id')).toBe(true);

    // A stale dry run is refused, nothing written.
    const wrong = await c2.request({ method: 'POST', url: `/api/v1/sso/providers/${pid}/identity-import/apply`, ...form(csv, { digest: 'not-the-digest' }) });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('sso.import_stale');

    // All or nothing: one id already taken in the database between the dry run and apply makes
    // the plan differ, and nothing is written at all.
    const victim = learners[5]!;
    await ctx.db.insertInto('external_identities').values({ id: newId(), establishment_id: e2.id, user_id: learners[4]!.id, provider_id: pid, subject: `ent.${victim.id.slice(-12)}`, rule: 'admin', linked_by_user_id: null, linked_at: nowIso(ctx.deps.now()) }).execute();
    const refused = await c2.request({ method: 'POST', url: `/api/v1/sso/providers/${pid}/identity-import/apply`, ...form(csv, { digest: report.digest }) });
    expect(refused.statusCode).toBe(409);
    const count = async () => (await ctx.db.selectFrom('external_identities').select('id').where('provider_id', '=', pid).execute()).length;
    expect(await count()).toBe(1);
    await ctx.db.deleteFrom('external_identities').where('provider_id', '=', pid).execute();

    const ok = await c2.request({ method: 'POST', url: `/api/v1/sso/providers/${pid}/identity-import/apply`, ...form(csv, { digest: report.digest }) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ linked: learners.length - homonyms, changed: 0 });
    expect(await count()).toBe(learners.length - homonyms);
    // Applying the same file again changes nothing: everything is `unchanged`.
    const again = (await c2.request({ method: 'POST', url: `/api/v1/sso/providers/${pid}/identity-import/preview`, ...form(csv) })).json() as IdentityImportReport;
    expect(again.counts.unchanged).toBe(learners.length - homonyms);
  });
});
