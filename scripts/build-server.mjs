#!/usr/bin/env node
// Compiles the server ahead of time (docs/performance.md, « Démarrage de la commande cerise »):
// esbuild bundles the command line and every worker thread's entry into server/dist/, so
// `cerise` starts without compiling TypeScript. Run by the root `prepare` script (npm install,
// npm ci) and by `npm run build:server`; server/bin/cerise.mjs uses the bundle only while it is
// newer than every source file it was built from, and runs the sources through tsx otherwise.
//
// - Third-party packages stay external (loaded from node_modules as usual): native modules
//   (better-sqlite3, @node-rs/argon2), and packages that read their own files (pdfkit, fonts).
//   Only the workspaces' own TypeScript (server/src, common/src) is bundled.
// - `import.meta.url` in a source file keeps meaning that source file's address, so paths
//   relative to it (web/dist, data/referentiels, fonts) resolve as they do under tsx.
// - `new URL('./x-worker.mjs', import.meta.url)` (or `x.worker.mjs`) points to the bundled worker
//   in server/dist/, and `tsx/esm/api`'s `register()` is a no-op inside the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverSrc = path.join(root, 'server', 'src');
const defaultOutdir = path.join(root, 'server', 'dist');
const WORKER_FILE = /(^|[.-])worker\.(mjs|ts)$/;
const BUNDLE_URL = '__cerise_bundle_url__';
/**
 * Packages compiled into the bundle: pure JavaScript that reads no file of its own, loaded by
 * every command (one file to parse instead of hundreds of modules to resolve). Every other
 * package stays external, native ones (better-sqlite3, @node-rs/argon2) above all.
 */
const BUNDLED = new Set(['zod', 'kysely', 'uuid', 'commander', 'saxes', 'xmlchars', 'iconv-lite', 'safer-buffer']);

/** Every worker thread's entry file under server/src (named `*-worker.mjs` / `*.worker.ts`…). */
function workerEntries(dir = serverSrc, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) workerEntries(full, found);
    else if (WORKER_FILE.test(entry.name) && !entry.name.includes('.test.')) found.push(full);
  }
  return found;
}

const outName = (file) => path.basename(file).replace(/\.(ts|mjs)$/, '.mjs');

/** Builds into `outdir` (server/dist by default); resolves to the counts of sources and workers. */
export async function buildServer({ outdir = defaultOutdir, quiet = false } = {}) {
  const rel = (to) => {
    const r = path.relative(outdir, to).split(path.sep).join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  // Sources edited while esbuild reads them must count as newer than the bundle.
  const startedAt = Date.now();
  // Built beside server/dist (same depth: the same relative paths), then swapped in at once, so
  // a command starting meanwhile sees the former bundle, or none (and runs the sources).
  const tmp = `${outdir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const workers = workerEntries();
  const workerOut = new Map(workers.map((w) => [w, path.join(outdir, outName(w))]));
  const names = new Set([...workerOut.values()].map((f) => path.basename(f)));
  if (names.size !== workers.length) throw new Error('two worker entries share a file name');

  /** @type {esbuild.Plugin} */
  const sourceUrls = {
    name: 'cerise-source-urls',
    setup(build) {
      // Inside the bundle, tsx is never needed: its register() does nothing.
      build.onResolve({ filter: /^tsx\/esm\/api$/ }, () => ({ path: 'tsx-noop', namespace: 'cerise' }));
      build.onLoad({ filter: /.*/, namespace: 'cerise' }, () => ({ contents: 'export function register() { return () => {}; }', loader: 'js' }));
      build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        let text = await fs.promises.readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const dir = path.dirname(args.path);
        text = text.replace(/new URL\(\s*(['"`])([^'"`]+)\1\s*,\s*import\.meta\.url\s*\)/g, (all, _q, spec) => {
          const target = path.resolve(dir, spec);
          const bundled = workerOut.get(target);
          return `new URL(${JSON.stringify(rel(bundled ?? target))}, ${BUNDLE_URL})`;
        });
        text = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel(args.path))}, ${BUNDLE_URL}).href`).replaceAll(BUNDLE_URL, 'import.meta.url');
        return { contents: text, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
      // iconv-lite's Asian code pages (590 KB of tables, required only when such a file is decoded)
      // stay in node_modules: SIECLE files are ISO-8859-15 or UTF-8, and every command compiled them.
      build.onResolve({ filter: /^\.\/tables\/[\w-]+\.json$/ }, (args) =>
        args.importer.includes(`${path.sep}node_modules${path.sep}iconv-lite${path.sep}`) ? { path: `iconv-lite/encodings/tables/${path.basename(args.path)}`, external: true } : undefined,
      );
      // zod's 48 translations of its own messages (a third of its code, compiled by every command)
      // are never used: the service words its errors itself, in French. Only `en`, zod's default, is kept.
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`) ? { path: path.resolve(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, loader: 'js', resolveDir: path.dirname(args.path) }));
      // Bundle the workspaces' sources and a few pure-JavaScript packages; leave the others to node.
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@cerise/') || args.namespace === 'cerise') return undefined;
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        if (BUNDLED.has(name)) return undefined;
        return { path: args.path, external: true };
      });
    },
  };

  let result;
  try {
    result = await esbuild.build({
    entryPoints: [{ in: path.join(serverSrc, 'cli', 'index.ts'), out: 'cerise' }, ...workers.map((w) => ({ in: w, out: outName(w).replace(/\.mjs$/, '') }))],
    outdir: tmp,
    absWorkingDir: root,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Commands import what they run when they run: their modules (and packages) load only then.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
    plugins: [sourceUrls],
    // The CommonJS packages bundled above call require() for node's own modules.
    banner: { js: "import { createRequire as __ceriseRequire } from 'node:module'; const require = __ceriseRequire(import.meta.url);" },
    });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  // The sources the bundle was built from: bin/cerise.mjs compares their dates to the bundle's.
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('cerise:')), path.relative(root, fileURLToPath(import.meta.url))]
    .filter((f) => !f.includes('node_modules/'))
    .map((f) => path.relative(outdir, path.resolve(root, f)).split(path.sep).join('/'));
  fs.writeFileSync(path.join(tmp, 'inputs.json'), `${JSON.stringify({ builtAt: startedAt, inputs }, null, 1)}\n`);
  const old = `${outdir}.old-${process.pid}`;
  if (fs.existsSync(outdir)) fs.renameSync(outdir, old);
  fs.renameSync(tmp, outdir);
  fs.rmSync(old, { recursive: true, force: true });
  return { inputs: inputs.length, workers: workers.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  try {
    const { inputs, workers } = await buildServer({ quiet: process.argv.includes('--quiet') });
    console.log(`server/dist : ${inputs} fichiers source, ${workers} workers, ${Math.round(performance.now() - t0)} ms`);
  } catch (e) {
    // A bundle that cannot be built is not an installation failure: cerise runs the sources.
    fs.rmSync(defaultOutdir, { recursive: true, force: true });
    console.error(`server/dist non construit (cerise utilisera les sources TypeScript, plus lent au démarrage) : ${e instanceof Error ? e.message.split('\n').slice(0, 2).join(' ') : e}`);
    if (process.argv.includes('--strict')) process.exitCode = 1;
  }
}
