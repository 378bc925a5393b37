#!/usr/bin/env node
// The `cerise` command. It runs the bundle compiled ahead by scripts/build-server.mjs (the root
// `prepare` script, so after every `npm install` / `npm ci`, or `npm run build:server`) while
// that bundle is newer than every source file it was built from; otherwise (a source edited
// since, no bundle, or CERISE_BUNDLE=0) it runs the TypeScript sources through tsx.
// See docs/performance.md, « Démarrage de la commande cerise ».
import { fileURLToPath } from 'node:url';
import { freshBundle } from './fresh-bundle.mjs';

// Every file the service writes (database, uploads, attachments, backups) is its user's alone.
process.umask(0o077);

// CERISE_BUNDLE=0: always the sources; =1: the bundle even if sources changed since (benchmarks).
const mode = process.env.CERISE_BUNDLE;
const bundle = mode === '0' ? null : freshBundle(fileURLToPath(new URL('../dist/', import.meta.url)), { ignoreDates: mode === '1' });
let runCli;
if (bundle) ({ runCli } = await import(bundle.href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/cli/index.ts'));
}
process.exitCode = await runCli(process.argv);
