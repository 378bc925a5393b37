import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.ts';
import { runCerise } from '../../test/cli.ts';
import { uniqueUai } from '../../test/factories.ts';

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  handle = await createTestDatabase({ onDisk: true });
});
afterAll(() => handle.destroy());

describe('cerise command line (CONTRACT.md)', () => {
  it('creates an establishment and prints one JSON document', async () => {
    const uai = uniqueUai();
    const r = await runCerise(['establishment', 'create', '--uai', uai, '--name', 'Lycée Jean Moulin', '--admin-email', 'ce@ac-test.fr', '--json'], handle.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ uai, name: 'Lycée Jean Moulin', admin: { login: 'administrateur', email: 'ce@ac-test.fr' }, mailsQueued: 2 });
    expect(out.loginUrl).toMatch(new RegExp(`/${uai}$`));

    const again = await runCerise(['establishment', 'create', '--uai', uai, '--name', 'X', '--json'], handle.env);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('UAI');

    const list = await runCerise(['users', 'list', '--uai', uai, '--json'], handle.env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ login: 'administrateur', profiles: ['administrator'], source: 'manual', hidden: false, divisions: [], groups: [], email: 'ce@ac-test.fr' }),
    ]);
    const teachers = await runCerise(['users', 'list', '--uai', uai, '--profile', 'teacher', '--json'], handle.env);
    expect(JSON.parse(teachers.stdout)).toEqual([]);
  }, 60_000);

  it('prints the login address from PUBLIC_URL, else says it is only the default one, on PORT', async () => {
    const uai = uniqueUai();
    const byDefault = await runCerise(['establishment', 'create', '--uai', uai, '--name', 'Lycée A'], { ...handle.env, PORT: '4321', PUBLIC_URL: '' });
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toContain(`Adresse de connexion : http://localhost:4321/${uai}`);
    expect(byDefault.stdout).toContain("adresse par défaut (PUBLIC_URL n'est pas défini, port 4321)");

    const other = uniqueUai();
    const set = await runCerise(['establishment', 'create', '--uai', other, '--name', 'Lycée B'], { ...handle.env, PUBLIC_URL: 'https://cerise.lycee.fr' });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`Adresse de connexion : https://cerise.lycee.fr/${other}`);
    expect(set.stdout).not.toContain('par défaut');
  }, 60_000);

  it('refuses bad arguments with exit 2 and a French message', async () => {
    const r = await runCerise(['establishment', 'create', '--uai', '12', '--name', 'X'], handle.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/7 chiffres/);
    const p = await runCerise(['users', 'list', '--uai', '0869999X', '--profile', 'chef', '--json'], handle.env);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/Profil inconnu/);
    const help = await runCerise(['--help'], handle.env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/établissement/);
    const en = await runCerise(['--help'], { ...handle.env, LANG: 'en_GB.UTF-8' });
    expect(en.stdout).toMatch(/establishment/);
  }, 60_000);
});
