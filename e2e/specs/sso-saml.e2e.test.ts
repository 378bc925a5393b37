import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { generateSiecleFiles, makeSchool } from '../../server/test/fixtures/siecle/generate.ts';
import { buildSamlResponse, TEST_KEYS } from '../../server/test/sso/saml-idp.ts';
import { expectAccessible, usePages } from '../support/browser.ts';

/*
 * ÉduConnect-style SAML sign-in (docs/sso.md « SAML / ÉduConnect »): a parent whose children are
 * in two establishments signs in through the test SAML IdP — a tiny login page on 127.0.0.1 that
 * auto-posts a signed Response to the ACS — and chooses the establishment. Both establishments
 * are made with the CLI and a SIECLE import; each configures the same IdP.
 */

const IDP_PORT = 44110;
const IDP_ENTITY = `http://127.0.0.1:${IDP_PORT}/idp`;
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const pages = usePages();
let page: Page;
let idp: http.Server;
/** The attributes the IdP releases at its next login. */
let nextAttributes: Record<string, string[]> = {};

type School = { uai: string; name: string; parent: { lastName: string; firstName: string; eleveId: string } };
const schools: School[] = [];

function cli(args: string[]): string {
  const res = spawnSync(process.execPath, [path.join(root, 'server/bin/cerise.mjs'), ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: inject('databaseUrl') }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`cerise ${args.join(' ')}: ${res.stderr}`);
  return res.stdout;
}

/** An establishment with a SIECLE import, its administrator signed in (password changed), and the SAML provider. */
async function makeSchoolWithProvider(uai: string, name: string, seed: number): Promise<School> {
  const created = JSON.parse(cli(['establishment', 'create', '--uai', uai, '--name', name, '--json'])) as { admin: { login: string; initialPassword: string } };
  const school = makeSchool({ uai, schoolYear: 2026, learners: 8, siblings: 0, departed: 0, inactifs: 0, contacts: 0, divisions: 1, accents: true, seed });
  const files = generateSiecleFiles(school);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-e2e-saml-'));
  fs.writeFileSync(path.join(dir, `sts_emp_${uai}_2026.xml`), files.sts);
  fs.writeFileSync(path.join(dir, 'ElevesSansAdresses.xml'), files.eleves);
  fs.writeFileSync(path.join(dir, 'ResponsablesAvecAdresses.xml'), files.responsables);
  cli(['import', 'teachers', '--uai', uai, path.join(dir, `sts_emp_${uai}_2026.xml`), '--json']);
  cli(['import', 'learners', '--uai', uai, '--eleves', path.join(dir, 'ElevesSansAdresses.xml'), '--responsables', path.join(dir, 'ResponsablesAvecAdresses.xml'), '--json']);
  fs.rmSync(dir, { recursive: true, force: true });

  const link = school.links.find((l) => l.level === 1 && school.learners.some((x) => x.eleveId === l.eleveId && !x.exitDate && !x.inactifs))!;
  const person = school.persons.find((p) => p.personId === link.personId)!;

  const headers = { origin: baseUrl, 'content-type': 'application/json' };
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers, body: JSON.stringify({ uai, login: created.admin.login, password: created.admin.initialPassword }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const changed = await fetch(`${baseUrl}/api/v1/account/password`, { method: 'PUT', headers: { ...headers, cookie }, body: JSON.stringify({ currentPassword: created.admin.initialPassword, newPassword: 'un-mot-de-passe-solide-42' }) });
  expect(changed.status).toBe(204);
  const provider = await fetch(`${baseUrl}/api/v1/sso/providers`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ kind: 'saml', label: 'ÉduConnect', enabled: true, profiles: ['learner', 'parent'], settings: { idpEntityId: IDP_ENTITY, ssoUrl: `http://127.0.0.1:${IDP_PORT}/sso`, idpCerts: [TEST_KEYS.idpCert] } }),
  });
  expect(provider.status).toBe(201);
  return { uai, name, parent: { lastName: person.usageName ?? person.familyName, firstName: person.firstName, eleveId: link.eleveId } };
}

/** The IdP's login page: reads the AuthnRequest, signs a Response, and posts it to the ACS by itself. */
function startIdp(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${IDP_PORT}`);
      const request = url.searchParams.get('SAMLRequest');
      if (url.pathname !== '/sso' || !request) {
        res.writeHead(404).end();
        return;
      }
      const xml = zlib.inflateRawSync(Buffer.from(request, 'base64')).toString('utf8');
      const id = /\bID="([^"]+)"/.exec(xml)![1]!;
      const acs = /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)![1]!;
      const issuer = /<saml:Issuer[^>]*>([^<]+)</.exec(xml)![1]!;
      const response = await buildSamlResponse({ spEntityId: issuer, acsUrl: acs, inResponseTo: id, issuer: IDP_ENTITY, signResponse: true, attributes: nextAttributes });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="fr"><head><title>IdP de test</title></head><body><form method="post" action="${acs}"><input type="hidden" name="SAMLResponse" value="${response}"><input type="hidden" name="RelayState" value=""><noscript><button>Continuer</button></noscript></form><script>document.forms[0].submit()</script></body></html>`,
      );
    })();
  });
  return new Promise((resolve) => server.listen(IDP_PORT, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  idp = await startIdp();
  schools.push(await makeSchoolWithProvider('0861001B', 'Lycée des Tilleuls', 4101));
  schools.push(await makeSchoolWithProvider('0861002C', 'Lycée du Port', 4102));
}, 180_000);
afterAll(async () => {
  await new Promise((resolve) => idp.close(resolve));
});
beforeEach(() => {
  page = pages.page;
});

describe('Connexion ÉduConnect (SAML)', () => {
  it('lets a parent with children in two establishments sign in through the IdP and choose the establishment', async () => {
    const [b, c] = schools as [School, School];
    nextAttributes = {
      'urn:oid:1.3.6.1.4.1.20326.10.999.1.57': ['ec-parent-e2e'],
      'urn:oid:1.3.6.1.4.1.20326.10.999.1.7': ['resp2d'],
      FrEduVecteur: [`1|${b.parent.lastName}|${b.parent.firstName}|${b.parent.eleveId}|${b.uai}`, `1|${c.parent.lastName}|${c.parent.firstName}|${c.parent.eleveId}|${c.uai}`],
    };
    await page.goto(`${baseUrl}/${b.uai}`);
    const button = page.getByRole('link', { name: 'Se connecter avec ÉduConnect' });
    await button.waitFor();
    await button.click();
    await page.waitForURL(`${baseUrl}/${b.uai}/connexion-ent`);
    await page.getByRole('heading', { level: 1, name: 'Choisissez votre compte' }).waitFor();
    await expectAccessible(page, 'sso-saml-choice');
    const candidates = page.getByRole('radio');
    expect(await candidates.count()).toBe(2);
    await page.getByRole('radio', { name: new RegExp(`${c.name} \\(${c.uai}\\)`) }).check();
    await page.getByRole('button', { name: 'Continuer avec ce compte' }).click();
    await page.waitForURL(`${baseUrl}/${c.uai}/accueil`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const me = (await (await page.request.get(`${baseUrl}/api/v1/auth/me`)).json()) as { user: { profiles: string[]; lastName: string } };
    // The URL names the chosen establishment; the session is the parent's account there.
    expect(me.user.profiles).toEqual(['parent']);
    expect(me.user.lastName.toUpperCase()).toBe(c.parent.lastName.toUpperCase());
    await expectAccessible(page, 'sso-saml-parent-home');
  });
});
