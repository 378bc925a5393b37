import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.ts';
import { runCerise } from '../../test/cli.ts';
import { generateSiecleFiles, makeSchool } from '../modules/siecle/synthetic/generate.ts';

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
const s = makeSchool({ schoolYear: 2026, uai: '0862222L', learners: 12, departed: 1, siblings: 1 });
const f = generateSiecleFiles(s);
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  handle = await createTestDatabase({ onDisk: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-cli-import-'));
  fs.writeFileSync(file('sts.xml'), f.sts);
  fs.writeFileSync(file('eleves.xml'), f.eleves);
  fs.writeFileSync(file('resp.xml'), f.responsables);
  fs.writeFileSync(file('bad.xml'), '<?xml version="1.0"?>\n<STS_EDT>\n  <PARAMETRES>\n    <UAJ CODE="0862222L">\n  </PARAMETRES>\n</STS_EDT>\n');
  const r = await runCerise(['establishment', 'create', '--uai', s.uai, '--name', 'Lycée CLI', '--json'], handle.env);
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await handle.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('cerise import (CONTRACT.md)', () => {
  it('refuses learners before teachers, then imports both with a JSON report, and lists users', async () => {
    const early = await runCerise(['import', 'learners', '--uai', s.uai, '--eleves', file('eleves.xml'), '--responsables', file('resp.xml'), '--json'], handle.env);
    expect(early.code).toBe(2);
    expect(early.stdout).toBe('');
    expect(early.stderr).toMatch(/enseignants/);

    const dry = await runCerise(['import', 'teachers', '--uai', s.uai, file('sts.xml'), '--dry-run', '--json'], handle.env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).dryRun).toBe(true);
    const none = JSON.parse((await runCerise(['users', 'list', '--uai', s.uai, '--profile', 'teacher', '--json'], handle.env)).stdout);
    expect(none).toEqual([]);

    const t = await runCerise(['import', 'teachers', '--uai', s.uai, file('sts.xml'), '--json'], handle.env);
    expect(t.code).toBe(0);
    const teachers = JSON.parse(t.stdout);
    expect(Object.keys(teachers.created).sort()).toEqual(['divisions', 'groups', 'heads', 'learners', 'parents', 'teachers']);
    expect(teachers.accounts[0]).toEqual(expect.objectContaining({ login: expect.any(String), initialPassword: expect.any(String), profiles: expect.any(Array), lastName: expect.any(String), firstName: expect.any(String) }));

    const l = await runCerise(['import', 'learners', '--uai', s.uai, '--eleves', file('eleves.xml'), '--responsables', file('resp.xml'), '--json'], handle.env);
    expect(l.code).toBe(0);
    const learners = JSON.parse(l.stdout);
    expect(learners.created.learners).toBe(11);

    const list = JSON.parse((await runCerise(['users', 'list', '--uai', s.uai, '--profile', 'parent', '--json'], handle.env)).stdout);
    expect(list.length).toBe(learners.created.parents);
    for (const p of list) {
      expect(p.children.length).toBeGreaterThan(0);
      expect(p.source).toBe('siecle');
    }
    const learnerList = JSON.parse((await runCerise(['users', 'list', '--uai', s.uai, '--profile', 'learner', '--include-hidden', '--json'], handle.env)).stdout);
    expect(learnerList.every((u: { birthDate: string }) => /^\d{4}-\d{2}-\d{2}$/.test(u.birthDate))).toBe(true);
  }, 60_000);

  it('refuses a malformed file with exit 2, file and line on stderr, and nothing changed', async () => {
    const before = (await runCerise(['users', 'list', '--uai', s.uai, '--include-hidden', '--json'], handle.env)).stdout;
    const r = await runCerise(['import', 'teachers', '--uai', s.uai, file('bad.xml'), '--json'], handle.env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.xml, ligne \d+/);
    // One full stop at the end of each sentence, never two.
    expect(r.stderr).not.toMatch(/\.\./);
    expect(r.stderr.trim()).toMatch(/[^.]\. Aucune donnée n'a été modifiée\.$/);
    const missing = await runCerise(['import', 'teachers', '--uai', s.uai, file('nope.xml')], handle.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/introuvable/);
    const wrong = await runCerise(['import', 'teachers', '--uai', '0000000A', file('sts.xml')], handle.env);
    expect(wrong.code).toBe(2);
    expect((await runCerise(['users', 'list', '--uai', s.uai, '--include-hidden', '--json'], handle.env)).stdout).toBe(before);
  }, 60_000);
});
