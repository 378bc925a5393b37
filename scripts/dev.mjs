#!/usr/bin/env node
// `npm run dev`: API server (tsx watch) and Vite dev server with hot reload.
import { spawn } from 'node:child_process';

const procs = [
  spawn('npx', ['tsx', 'watch', 'server/bin/cerise.mjs', 'serve'], { stdio: 'inherit', env: process.env }),
  spawn('npm', ['run', 'dev', '-w', 'web'], { stdio: 'inherit' }),
];
const stop = () => procs.forEach((p) => p.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
