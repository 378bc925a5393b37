/**
 * SIECLE import benchmark: an establishment of 6,000 learners, ~10,600 persons in the
 * Responsables file and 500 staff.
 *  - `seconds`, `peakMb`: the two CLI imports (teachers, then learners and parents) into a fresh
 *    database, start-up of both commands included; `floorRatio` is that time over a bare SAX
 *    pass (iconv-lite decoding + saxes, nothing else) over the same three files, warm, in
 *    processes of its own (bench/bare-sax.mjs).
 *  - `httpSeconds`: the path people use — the same two imports uploaded to the real server on
 *    loopback, analysed, then applied (`POST …/analysis`, `POST …/:runId/apply`).
 * Each figure is the median of BENCH_RUNS runs (default 3) after one warm-up run; each run has
 * its own empty database (BENCH_DATABASE_URL: a scratch PostgreSQL database).
 * `cli.startMs` is the median start-up of `cerise --help` (11 runs after a warm-up).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config/config.ts';
import { openRuntime } from '../server/src/runtime.ts';
import { generateSiecleFiles, makeSchool } from '../server/src/modules/siecle/synthetic/generate.ts';
import { benchRuns, cerise, cli, log, median, root, scratchDatabase, startServer } from './support.ts';

const preload = path.join(root, 'bench/maxrss.mjs');

function timed(args: string[], env: Record<string, string>) {
  const rssFile = path.join(os.tmpdir(), `cerise-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const t0 = performance.now();
  const cpu0 = childCpuMs();
  const r = spawnSync(process.execPath, ['--import', preload, cli, ...args], { env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const cpuMs = childCpuMs() - cpu0;
  if (r.status !== 0) throw new Error(`cerise ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const [rssKiB, faults] = fs.readFileSync(rssFile, 'utf8').split(' ').map(Number) as [number, number];
  fs.rmSync(rssFile, { force: true });
  return { ms, cpuMs, rssMiB: rssKiB / 1024, faults, stdout: r.stdout };
}

/**
 * The floor: decode and run saxes over the three files, nothing else (bench/bare-sax.mjs), in
 * fresh processes: in this process, which holds the generated establishment and has run everything
 * before, the same pass took from 0.29 to 0.85 s. `processes` processes, each one warm-up pass then
 * `passes` measured; the median of all the measured passes, wall and CPU time.
 */
function bareSaxFloor(f: Files, passes: number, processes = 3): { wallMs: number; cpuMs: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < processes; i++) {
    const r = spawnSync(process.execPath, [path.join(root, 'bench/bare-sax.mjs'), String(passes), f.sts, f.eleves, f.resp], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bare-sax.mjs failed (${r.status}):\n${r.stderr}`);
    const m = JSON.parse(r.stdout) as { wallMs: number[]; cpuMs: number[] };
    wall.push(...m.wallMs);
    cpu.push(...m.cpuMs);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

export type SiecleImportFigures = {
  learners: number;
  parents: number;
  /** The two CLI imports (teachers then learners), start-up included. */
  seconds: number;
  peakMb: number;
  /** Median over the runs of each run's time over a bare SAX pass over the same files timed right after it. */
  floorRatio: number;
  /** Upload → analyse → apply of the same two imports over HTTP (server already started). */
  httpSeconds: number | null;
  /** CPU time (user + system) of the two commands, and its ratio to the SAX pass's CPU time: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  floorRatioCpu: number;
  /**
   * Minor page faults of the two commands (pages of memory touched for the first time), and what
   * touching fresh memory costs on this machine: on a virtual machine that backs its memory lazily,
   * it weighs on the import as much as its own work (docs/performance.md).
   */
  pageFaults: number;
  firstTouchMsPer100Mb: number;
};
export type CliFigures = { startMs: number; startCpuMs: number };

type Files = { uai: string; sts: string; eleves: string; resp: string };

function makeFiles(dir: string, learners: number): Files {
  const school = makeSchool({ seed: 7, learners, divisions: Math.ceil(learners / 28), departed: Math.ceil(learners / 100), inactifs: 20, noClass: 10, siblings: Math.ceil(learners / 6), contacts: Math.ceil(learners / 10) });
  // makeSchool gives ~learners/15 teachers; top the staff up to 500 with more teachers.
  const template = school.staff.find((p) => p.fn === 'ENS')!;
  for (let i = school.staff.length; i < 500; i++) {
    const id = String(90000 + i);
    school.staff.push({ ...template, id, usageName: `${template.usageName}${i}`, firstName: template.firstName });
    school.services[i % school.services.length]!.teacherIds.push(id);
  }
  const files = generateSiecleFiles(school, { encoding: 'ISO-8859-15' });
  const out = {
    uai: school.uai,
    sts: path.join(dir, `sts_emp_${school.uai}_${school.schoolYear}.xml`),
    eleves: path.join(dir, 'ElevesSansAdresses.xml'),
    resp: path.join(dir, 'ResponsablesAvecAdresses.xml'),
  };
  fs.writeFileSync(out.sts, files.sts);
  fs.writeFileSync(out.eleves, files.eleves);
  fs.writeFileSync(out.resp, files.responsables);
  const mib = (f: string) => (fs.statSync(f).size / 1024 / 1024).toFixed(1);
  log(`Établissement généré : ${school.learners.length} élèves, ${school.persons.length} responsables, ${school.staff.length} personnels`);
  log(`Fichiers : sts ${mib(out.sts)} Mo, élèves ${mib(out.eleves)} Mo, responsables ${mib(out.resp)} Mo`);
  return out;
}

/** Time to write once into 100 MB of fresh memory, in a process of its own: median of 3 processes. */
function firstTouchMsPer100Mb(): number {
  const script = 'const b = Buffer.allocUnsafeSlow(100 * 1024 * 1024); const t0 = performance.now(); b.fill(1); process.stdout.write(String(performance.now() - t0));';
  const once = () => {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`first touch: ${r.stderr}`);
    return Number(r.stdout);
  };
  return median([once(), once(), once()]);
}

/** One run of the two CLI imports into an empty database. */
async function cliRun(f: Files, reimport: boolean) {
  const scratch = await scratchDatabase('import');
  try {
    cerise(['establishment', 'create', '--uai', f.uai, '--name', 'Lycée du banc d’essai'], scratch.env);
    const teachers = timed(['import', 'teachers', '--uai', f.uai, f.sts, '--json'], scratch.env);
    const learners = timed(['import', 'learners', '--uai', f.uai, '--eleves', f.eleves, '--responsables', f.resp, '--json'], scratch.env);
    const l = JSON.parse(learners.stdout) as { created: { learners: number; parents: number } };
    let againMs: number | null = null;
    if (reimport) againMs = timed(['import', 'learners', '--uai', f.uai, '--eleves', f.eleves, '--responsables', f.resp, '--json'], scratch.env).ms;
    return { ms: teachers.ms + learners.ms, cpuMs: teachers.cpuMs + learners.cpuMs, teachersMs: teachers.ms, learnersMs: learners.ms, peak: Math.max(teachers.rssMiB, learners.rssMiB), faults: teachers.faults + learners.faults, created: l.created, againMs };
  } finally {
    await scratch.dispose();
  }
}

/** The administrator of a new establishment, signed in over HTTP: its session cookie. */
async function signedInAdmin(base: string, env: Record<string, string>, uai: string): Promise<string> {
  const created = JSON.parse(cerise(['establishment', 'create', '--uai', uai, '--name', 'Lycée du banc d’essai', '--json'], env)) as { admin: { login: string; initialPassword: string } };
  // As if the administrator had already chosen a password: the bench measures imports, not that form.
  const runtime = await openRuntime(loadConfig({ ...process.env, ...env }));
  try {
    await runtime.deps.db.updateTable('users').set({ must_change_password: 0 }).where('login', '=', created.admin.login).execute();
  } finally {
    await runtime.close();
  }
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ uai, login: created.admin.login, password: created.admin.initialPassword }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Upload → analyse → apply, as the Imports screen does; resolves to the applied report. */
async function httpImport(base: string, cookie: string, kind: 'teachers' | 'learners', files: Record<string, string>) {
  const form = new FormData();
  for (const [field, file] of Object.entries(files)) form.append(field, new Blob([fs.readFileSync(file)]), path.basename(file));
  const analysis = await fetch(`${base}/api/v1/imports/${kind}/analysis`, { method: 'POST', headers: { cookie, origin: base }, body: form });
  if (!analysis.ok) throw new Error(`analysis ${kind}: ${analysis.status} ${await analysis.text()}`);
  const { runId } = (await analysis.json()) as { runId: string };
  const applied = await fetch(`${base}/api/v1/imports/${runId}/apply`, { method: 'POST', headers: { cookie, origin: base } });
  if (!applied.ok) throw new Error(`apply ${kind}: ${applied.status} ${await applied.text()}`);
  return (await applied.json()) as { created: { learners: number; parents: number } };
}

/** One run over HTTP: a server on an empty database, both imports uploaded, analysed, applied. */
async function httpRun(f: Files): Promise<number> {
  const scratch = await scratchDatabase('http');
  const server = await startServer(scratch.env);
  try {
    const cookie = await signedInAdmin(server.base, scratch.env, f.uai);
    const t0 = performance.now();
    await httpImport(server.base, cookie, 'teachers', { teachers: f.sts });
    const r = await httpImport(server.base, cookie, 'learners', { eleves: f.eleves, responsables: f.resp });
    const ms = performance.now() - t0;
    if (r.created.learners === 0) throw new Error('HTTP import created no learner');
    return ms;
  } finally {
    await server.stop();
    await scratch.dispose();
  }
}

/** Start-up of `cerise --help`: wall and CPU time of the child, median of `runs`. */
export function benchCliStart(runs = 11): CliFigures {
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`cerise --help failed: ${r.stderr}`);
    return ms;
  };
  once();
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) walls.push(once());
  // CPU time of the children (user + system), averaged: a busy machine stretches the wall time.
  const cpuBefore = childCpuMs();
  for (let i = 0; i < runs; i++) once();
  const cpu = (childCpuMs() - cpuBefore) / runs;
  const figures = { startMs: Math.round(median(walls)), startCpuMs: Math.round(cpu) };
  log(`démarrage de cerise --help : médiane ${figures.startMs} ms (temps CPU ${figures.startCpuMs} ms), ${runs} essais`);
  return figures;
}

/** User + system CPU time of the finished children of this process, in ms (Linux /proc). */
function childCpuMs(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]); // cutime, cstime
    return (ticks * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

export async function benchSiecleImport(opts: { learners?: number; http?: boolean } = {}): Promise<SiecleImportFigures> {
  const learners = opts.learners ?? 6000;
  const runs = benchRuns();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-bench-files-'));
  try {
    const f = makeFiles(dir, learners);

    log(`import CLI : 1 tour d’échauffement puis ${runs} tours mesurés…`);
    const warm = await cliRun(f, true);
    log(`  échauffement : ${(warm.ms / 1000).toFixed(2)} s ; ré-import sans changement : ${((warm.againMs ?? 0) / 1000).toFixed(2)} s`);
    // Each measured run is followed by a floor of its own, timed at the same moment: this machine's
    // speed drifts by up to 2× within minutes (the same bare pass took 0.21 s, then 0.37 s, five
    // minutes apart), so a ratio of two figures taken at different moments measured the drift.
    const cliRuns = [];
    for (let i = 0; i < runs; i++) {
      const r = await cliRun(f, false);
      const floor = bareSaxFloor(f, 3, 1);
      log(`  tour ${i + 1} : enseignants ${(r.teachersMs / 1000).toFixed(2)} s + apprenants ${(r.learnersMs / 1000).toFixed(2)} s = ${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s), pic ${r.peak.toFixed(0)} Mo, ${r.faults} défauts de page ; passe SAX nue juste après : ${(floor.wallMs / 1000).toFixed(2)} s, soit ${(r.ms / floor.wallMs).toFixed(1)}×`);
      cliRuns.push({ ...r, ratio: r.ms / floor.wallMs, ratioCpu: r.cpuMs / floor.cpuMs, saxMs: floor.wallMs, saxCpuMs: floor.cpuMs });
    }
    const saxMs = median(cliRuns.map((r) => r.saxMs));
    const saxCpuMs = median(cliRuns.map((r) => r.saxCpuMs));
    const ratio = median(cliRuns.map((r) => r.ratio));
    const ratioCpu = median(cliRuns.map((r) => r.ratioCpu));
    const cpuMs = median(cliRuns.map((r) => r.cpuMs));
    const total = median(cliRuns.map((r) => r.ms));
    const peak = median(cliRuns.map((r) => r.peak));
    const faults = median(cliRuns.map((r) => r.faults));
    const touchMs = firstTouchMsPer100Mb();
    log(`défauts de page des deux commandes : médiane ${faults} ; toucher 100 Mo de mémoire neuve coûte ${touchMs.toFixed(0)} ms sur cette machine (≈ ${((faults * 4096 * touchMs) / (100 * 1024 * 1024) / 1000).toFixed(2)} s des deux commandes)`);
    log(`passe SAX nue sur les trois fichiers, après chaque tour : médiane ${(saxMs / 1000).toFixed(2)} s (CPU ${(saxCpuMs / 1000).toFixed(2)} s)`);
    log(`en temps CPU : ${(cpuMs / 1000).toFixed(2)} s, médiane des tours ${ratioCpu.toFixed(1)}× leur passe SAX`);
    log(`import CLI (deux commandes, démarrage compris) : médiane ${(total / 1000).toFixed(2)} s, pic ${peak.toFixed(0)} Mo, médiane des tours ${ratio.toFixed(1)}× leur passe SAX (objectif ≤ 6×)`);

    let httpSeconds: number | null = null;
    if (opts.http !== false) {
      log(`import HTTP (dépôt → analyse → application) : 1 tour d’échauffement puis ${runs} tours mesurés…`);
      await httpRun(f);
      const httpRuns: number[] = [];
      for (let i = 0; i < runs; i++) {
        httpRuns.push(await httpRun(f));
        log(`  tour ${i + 1} : ${(httpRuns[i]! / 1000).toFixed(2)} s`);
      }
      httpSeconds = Number((median(httpRuns) / 1000).toFixed(2));
    }
    const last = cliRuns[cliRuns.length - 1]!;
    return {
      learners: last.created.learners,
      parents: last.created.parents,
      seconds: Number((total / 1000).toFixed(2)),
      peakMb: Math.round(peak),
      floorRatio: Number(ratio.toFixed(1)),
      httpSeconds,
      cpuSeconds: Number((cpuMs / 1000).toFixed(2)),
      floorRatioCpu: Number(ratioCpu.toFixed(1)),
      pageFaults: faults,
      firstTouchMsPer100Mb: Math.round(touchMs),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
