/**
 * `npm run bench`: every benchmark, figures printed (never asserted in unit tests).
 * `npm run bench -- --json` prints one JSON document on stdout (CONTRACT.md), progress on stderr.
 * `npm run bench -- siecle` (or cli, evaluation, dashboard, load…) runs one. `BENCH_DATABASE_URL`
 * selects PostgreSQL where a benchmark supports it; BENCH_RUNS sets how many measured runs each
 * median is made of (after a warm-up). The server bundle is built first, as `npm install` does.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCliStart, benchSiecleImport } from './siecle-import.bench.ts';
import { ensureBundle } from './support.ts';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const only = args.find((a) => !a.startsWith('--'));
const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

type Figures = Record<string, number | null>;
const report: Record<string, unknown> = {
  engine: process.env.BENCH_DATABASE_URL ? 'postgres' : 'sqlite',
  cpus: os.cpus().length,
  node: process.version,
  cli: { startMs: null, startCpuMs: null },
  import: null,
  responsiveness: { healthP95Ms: null, healthMaxMs: null, learnerPageP95Ms: null, maxWaitMs: null },
  evaluation: { saveGridP95Ms: null, openP95Ms: null },
  dashboard: { learnerP95Ms: null, classP95Ms: null, ccfClassP95Ms: null },
  load: { rps: null, p95Ms: null, errors: null, connections: null },
  uploads: { parallel: null, sizeMb: null, peakRssMb: null, analysed: null, refused503: null, refused429: null, other: null },
};
const notes: Record<string, string> = {};

/** A benchmark of a module that may not exist yet: its file exports `run(): Promise<Figures>`. */
async function optional(key: string, file: string, exportName: string): Promise<void> {
  const full = path.join(here, file);
  if (!fs.existsSync(full)) {
    notes[key] = `not measured: ${file} does not exist yet`;
    return;
  }
  const mod = (await import(full)) as Record<string, () => Promise<Figures>>;
  const fn = mod[exportName];
  if (typeof fn !== 'function') {
    notes[key] = `not measured: ${file} has no ${exportName}()`;
    return;
  }
  log(`== ${key} ==`);
  report[key] = await fn();
}

notes.cli = ensureBundle();
if (!only || only === 'cli' || only === 'siecle' || only === 'import') {
  log('== cli ==');
  report.cli = benchCliStart();
}
if (!only || only === 'siecle' || only === 'import') {
  log('== import SIECLE ==');
  report.import = await benchSiecleImport({ learners: Number(process.env.BENCH_LEARNERS ?? 6000), http: process.env.BENCH_HTTP !== '0' });
  if (process.env.BENCH_HTTP === '0') notes.import = 'httpSeconds not measured: BENCH_HTTP=0';
}
if (!only || only === 'evaluation') await optional('evaluation', 'evaluations.bench.ts', 'benchEvaluations');
if (!only || only === 'dashboard') await optional('dashboard', 'dashboard.bench.ts', 'benchDashboard');
if (!only || only === 'responsiveness') await optional('responsiveness', 'responsiveness.bench.ts', 'benchResponsiveness');
if (!only || only === 'load') {
  log('== load ==');
  const { benchLoad } = await import('./load.bench.ts');
  report.load = await benchLoad();
}
if (!only || only === 'uploads') await optional('uploads', 'uploads.bench.ts', 'benchUploads');
report.notes = notes;

if (asJson) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  console.log('\nRésultats / results');
  for (const [key, value] of Object.entries(report)) {
    if (key === 'notes') continue;
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) console.log(`  ${`${key}.${k}`.padEnd(34)} ${v ?? '—'}`);
    } else console.log(`  ${key.padEnd(34)} ${value ?? '—'}`);
  }
  for (const [k, v] of Object.entries(notes)) console.log(`  note ${k}: ${v}`);
}
