/**
 * SIECLE import benchmark: an establishment of 6,000 learners, ~10,000 parents and
 * 500 staff, imported with the real CLI into a fresh SQLite database. Prints wall time and peak
 * memory of each command, and the ratio to a bare SAX pass over the same files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { generateSiecleFiles, makeSchool } from '../server/src/modules/siecle/synthetic/generate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server/bin/cerise.mjs');
const preload = path.join(root, 'bench/maxrss.mjs');

function run(args: string[], env: Record<string, string>) {
  const rssFile = path.join(os.tmpdir(), `cerise-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', preload, cli, ...args], { env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`cerise ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const rssKiB = Number(fs.readFileSync(rssFile, 'utf8'));
  fs.rmSync(rssFile, { force: true });
  return { ms, rssMiB: rssKiB / 1024, stdout: r.stdout };
}

/** The floor: decode and run saxes over the file, nothing else. */
function bareSax(file: string): number {
  const t0 = performance.now();
  const bytes = fs.readFileSync(file);
  const text = iconv.decode(bytes, 'iso-8859-15');
  const parser = new SaxesParser();
  let elements = 0;
  parser.on('opentag', () => elements++);
  parser.write(text).close();
  if (elements === 0) throw new Error('no element');
  return performance.now() - t0;
}

export type SiecleImportFigures = {
  learners: number;
  parents: number;
  /** The two CLI imports (teachers then learners), start-up included. */
  seconds: number;
  peakMb: number;
  /** Total time over a bare SAX pass over the same files. */
  floorRatio: number;
  /** Upload → analyse → apply over HTTP: not measured yet. */
  httpSeconds: number | null;
};

export async function benchSiecleImport(opts: { learners?: number } = {}): Promise<SiecleImportFigures> {
  const console = { log: (...a: unknown[]) => process.stderr.write(`${a.join(' ')}\n`) };
  const learners = opts.learners ?? 6000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-bench-'));
  try {
    const school = makeSchool({ seed: 7, learners, divisions: Math.ceil(learners / 28), departed: Math.ceil(learners / 100), inactifs: 20, noClass: 10, siblings: Math.ceil(learners / 6), contacts: Math.ceil(learners / 10) });
    // makeSchool gives ~learners/15 teachers; top the staff up to 500 with more teachers.
    const template = school.staff.find((p) => p.fn === 'ENS')!;
    for (let i = school.staff.length; i < 500; i++) {
      const id = String(90000 + i);
      school.staff.push({ ...template, id, usageName: `${template.usageName}${i}`, firstName: template.firstName });
      school.services[i % school.services.length]!.teacherIds.push(id);
    }
    const files = generateSiecleFiles(school, { encoding: 'ISO-8859-15' });
    const sts = path.join(dir, `sts_emp_${school.uai}_${school.schoolYear}.xml`);
    const eleves = path.join(dir, 'ElevesSansAdresses.xml');
    const resp = path.join(dir, 'ResponsablesAvecAdresses.xml');
    fs.writeFileSync(sts, files.sts);
    fs.writeFileSync(eleves, files.eleves);
    fs.writeFileSync(resp, files.responsables);
    const mib = (f: string) => (fs.statSync(f).size / 1024 / 1024).toFixed(1);
    console.log(`Établissement généré : ${school.learners.length} élèves, ${school.persons.length} responsables, ${school.staff.length} personnels`);
    console.log(`Fichiers : sts ${mib(sts)} Mo, élèves ${mib(eleves)} Mo, responsables ${mib(resp)} Mo`);

    const env = { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '', SEED_DEMO: '0', LOG_LEVEL: 'warn' };
    run(['establishment', 'create', '--uai', school.uai, '--name', 'Lycée du banc d’essai'], env);
    const teachers = run(['import', 'teachers', '--uai', school.uai, sts, '--json'], env);
    const learnersRun = run(['import', 'learners', '--uai', school.uai, '--eleves', eleves, '--responsables', resp, '--json'], env);
    const t = JSON.parse(teachers.stdout);
    const l = JSON.parse(learnersRun.stdout);
    const again = run(['import', 'learners', '--uai', school.uai, '--eleves', eleves, '--responsables', resp, '--json'], env);
    const a = JSON.parse(again.stdout);

    const startup = Math.min(...[0, 1, 2].map(() => run(['--help'], env).ms));
    const sax = [0, 1, 2].map(() => bareSax(sts) + bareSax(eleves) + bareSax(resp));
    const saxMs = Math.min(...sax);
    const total = teachers.ms + learnersRun.ms;
    console.log(`import teachers : ${(teachers.ms / 1000).toFixed(2)} s, pic mémoire ${teachers.rssMiB.toFixed(0)} Mo — ${t.created.teachers} enseignants, ${t.created.heads} chefs`);
    console.log(`import learners : ${(learnersRun.ms / 1000).toFixed(2)} s, pic mémoire ${learnersRun.rssMiB.toFixed(0)} Mo — ${l.created.learners} apprenants, ${l.created.parents} parents`);
    console.log(`ré-import learners (rien ne change) : ${(again.ms / 1000).toFixed(2)} s — créés ${a.created.learners + a.created.parents}, mis à jour ${a.updated.learners + a.updated.parents}`);
    console.log(`TOTAL des deux imports (CLI, démarrage compris) : ${(total / 1000).toFixed(2)} s (objectif < 15 s), pic mémoire ${Math.max(teachers.rssMiB, learnersRun.rssMiB).toFixed(0)} Mo (objectif < 400 Mo)`);
    const work = total - 2 * startup;
    console.log(`démarrage d'une commande cerise (node + tsx, mesuré avec --help) : ${(startup / 1000).toFixed(2)} s`);
    console.log(`passe SAX nue sur les trois fichiers : ${(saxMs / 1000).toFixed(2)} s`);
    console.log(`rapport import / SAX : ${(total / saxMs).toFixed(1)}× avec le démarrage des deux commandes, ${(work / saxMs).toFixed(1)}× sans (objectif < 10×)`);
    return {
      learners: l.created.learners,
      parents: l.created.parents,
      seconds: Number((total / 1000).toFixed(2)),
      peakMb: Math.round(Math.max(teachers.rssMiB, learnersRun.rssMiB)),
      floorRatio: Number((total / saxMs).toFixed(1)),
      httpSeconds: null,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
