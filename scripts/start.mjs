#!/usr/bin/env node
// `npm start`: build the web application if it has not been built, then `cerise serve`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withServeEnv } from '../server/bin/serve-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist', 'index.html');
if (!fs.existsSync(dist) || process.env.CERISE_REBUILD === '1') {
  console.log('Construction de l’interface web (première fois seulement)…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const cli = path.join(root, 'server', 'bin', 'cerise.mjs');
// With the memory settings glibc reads at start (server/bin/serve-env.mjs).
const child = spawnSync(process.execPath, [cli, 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: withServeEnv(process.env) });
process.exit(child.status ?? 0);
