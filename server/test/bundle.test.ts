import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript modules without declarations
import { freshBundle } from '../bin/fresh-bundle.mjs';
// @ts-expect-error plain JavaScript modules without declarations
import { buildServer } from '../../scripts/build-server.mjs';

// The ahead-of-time bundle of the command line (docs/performance.md, « Démarrage de la commande cerise »).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-bundle-test-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('freshBundle', () => {
  const dist = path.join(temp, 'dist');
  const source = path.join(temp, 'src.ts');
  const setUp = (builtAt: number) => {
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(source, 'export {};');
    fs.writeFileSync(path.join(dist, 'cerise.mjs'), '');
    fs.writeFileSync(path.join(dist, 'inputs.json'), JSON.stringify({ builtAt, inputs: ['../src.ts'] }));
  };

  it('gives the entry while every source is older than the build', () => {
    setUp(Date.now() + 60_000);
    expect(freshBundle(dist)?.href).toBe(pathToFileURL(path.join(dist, 'cerise.mjs')).href);
  });

  it('gives null once a source changed after the build started, unless dates are ignored (benchmarks)', () => {
    setUp(Date.now() - 60_000);
    expect(freshBundle(dist)).toBeNull();
    expect(freshBundle(dist, { ignoreDates: true })?.href).toBe(pathToFileURL(path.join(dist, 'cerise.mjs')).href);
  });

  it('gives null when a source is gone, or without a bundle', () => {
    setUp(Date.now() + 60_000);
    fs.rmSync(source);
    expect(freshBundle(dist)).toBeNull();
    expect(freshBundle(path.join(temp, 'nowhere'))).toBeNull();
  });
});

describe('the built bundle', () => {
  // Inside server/ so that the packages it leaves external resolve as from server/dist.
  const out = path.join(root, 'server', 'node_modules', '.cache', `cerise-bundle-test-${process.pid}`);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('prints the same help as the sources, and every file it points to exists', { timeout: 180_000 }, async () => {
    const built = (await buildServer({ outdir: out, quiet: true })) as { inputs: number; workers: number };
    expect(built.workers).toBeGreaterThanOrEqual(1);
    const files = fs.readdirSync(out).filter((f) => f.endsWith('.mjs'));
    expect(files).toContain('cerise.mjs');
    expect(files.filter((f) => /(^|[.-])worker\.mjs$/.test(f))).toHaveLength(built.workers);

    // Paths relative to a source file (web/dist, referentials, fonts, worker entries) resolve
    // from the bundle to the same files.
    const targets = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(path.join(out, f), 'utf8');
      for (const m of text.matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) targets.add(m[1]!);
    }
    expect(targets.size).toBeGreaterThan(3);
    for (const t of targets) expect(fs.existsSync(path.resolve(out, t)), t).toBe(true);
    // Worker threads start from their bundled entry, beside the bundle.
    expect([...targets].filter((t) => /^\.\/[^/]*worker\.mjs$/.test(t)).length).toBeGreaterThanOrEqual(built.workers);

    const env = { ...process.env, LANG: 'fr_FR.UTF-8' };
    const fromBundle = spawnSync(process.execPath, ['--input-type=module', '-e', `const { runCli } = await import(${JSON.stringify(pathToFileURL(path.join(out, 'cerise.mjs')).href)}); process.exitCode = await runCli(['node', 'cerise', '--help']);`], { env, encoding: 'utf8' });
    const fromSources = spawnSync(process.execPath, [path.join(root, 'server/bin/cerise.mjs'), '--help'], { env: { ...env, CERISE_BUNDLE: '0' }, encoding: 'utf8' });
    expect(fromBundle.stderr).toBe('');
    expect(fromBundle.status).toBe(0);
    expect(fromBundle.stdout).toContain('import');
    expect(fromBundle.stdout).toBe(fromSources.stdout);
  });
});
