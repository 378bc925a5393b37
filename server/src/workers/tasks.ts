/**
 * The work the pool runs off the main thread (docs/performance.md, « Never block the event loop »):
 * every builder here is a pure function of serializable data (structured clone: plain objects,
 * arrays, Map, Set, Date, Uint8Array). The main thread reaches them only through `WorkerPool.run`.
 *
 * The worker's entry is `pool.worker.mjs`, which loads this file through tsx; the ahead-of-time
 * build (scripts/build-server.mjs) bundles that entry, with this file, as server/dist/pool.worker.mjs.
 */
import type { renderParentLetters } from '../modules/access/access.letters.ts';
import type { renderDashboardPdf } from '../modules/dashboard/dashboard.pdf.ts';
import type { renderBlankSheet } from '../modules/evaluations/evaluations.sheet.ts';
import type { extractPdf } from '../modules/passport/passport.extract.pdf.ts';
import type { renderScenarioDocx } from '../modules/scenarios/scenarios.docx.ts';
import type { ApplyTaskInput } from '../modules/siecle/siecle.apply-task.ts';
import type { PlanTaskInput } from '../modules/siecle/siecle.plan-task.ts';
import type { reportCsv, reportPdf } from '../modules/siecle/siecle.report.ts';
import { toTaskError, type TaskError } from './task-errors.ts';
import { lowerWorkerThreadPriority } from './thread-priority.ts';

// A pool's thread gives way to the main thread (thread-priority.ts).
lowerWorkerThreadPriority();

const bytes = async (b: Promise<Buffer> | Buffer) => {
  const buf = await b;
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
};

// Each builder's module is loaded on its first task: a thread only loads (and, from the
// sources, compiles) what it runs.
export const TASKS = {
  'access.parentLetters': async (input: Parameters<typeof renderParentLetters>[0]) => bytes((await import('../modules/access/access.letters.ts')).renderParentLetters(input)),
  'dashboard.pdf': async (input: { dashboard: Parameters<typeof renderDashboardPdf>[0]; at: Date }) => bytes((await import('../modules/dashboard/dashboard.pdf.ts')).renderDashboardPdf(input.dashboard, input.at)),
  'evaluations.blankSheet': async (input: { evaluation: Parameters<typeof renderBlankSheet>[0]; establishmentName: string }) =>
    bytes((await import('../modules/evaluations/evaluations.sheet.ts')).renderBlankSheet(input.evaluation, input.establishmentName)),
  'passport.extracts': async (input: { extracts: Parameters<typeof extractPdf>[0][] }) => {
    const { extractPdf } = await import('../modules/passport/passport.extract.pdf.ts');
    const pdfs: Uint8Array[] = [];
    for (const data of input.extracts) pdfs.push(await bytes(extractPdf(data)));
    return pdfs;
  },
  /** A class's extracts, one PDF per learner, in a ZIP (stored, not compressed: PDFs are). */
  'passport.extractsZip': async (input: { extracts: { name: string; data: Parameters<typeof extractPdf>[0] }[] }) => {
    const [{ extractPdf }, { zipSync }] = await Promise.all([import('../modules/passport/passport.extract.pdf.ts'), import('fflate')]);
    const files: Record<string, Uint8Array> = {};
    for (const e of input.extracts) files[e.name] = await bytes(extractPdf(e.data));
    return zipSync(files, { level: 0 });
  },
  'scenarios.docx': async (input: Parameters<typeof renderScenarioDocx>[0]) => bytes((await import('../modules/scenarios/scenarios.docx.ts')).renderScenarioDocx(input)),
  'siecle.plan': async (input: PlanTaskInput) => (await import('../modules/siecle/siecle.plan-task.ts')).planImport(input),
  /** An analysis: only its report, already serialised, comes back (not the plan). */
  'siecle.analyse': async (input: PlanTaskInput & { runId: string }) => (await import('../modules/siecle/siecle.plan-task.ts')).analyseImportTask(input),
  /** An analysed import applied on the thread's own SQLite connection, in one transaction (siecle.apply-task.ts). */
  'siecle.applyAnalysed': async (input: ApplyTaskInput) => (await import('../modules/siecle/siecle.apply-task.ts')).applyAnalysedImportTask(input),
  'siecle.reportPdf': async (input: { report: Parameters<typeof reportPdf>[0]; establishmentName: string }) => bytes((await import('../modules/siecle/siecle.report.ts')).reportPdf(input.report, input.establishmentName)),
  'siecle.reportCsv': async (input: { report: Parameters<typeof reportCsv>[0] }) => (await import('../modules/siecle/siecle.report.ts')).reportCsv(input.report),
  /** Nothing: starts a thread ahead of the first task (`WorkerPool.warm`). */
  'pool.ready': () => true,
  /** For the pool's own tests: fails the way a bug in a builder would. */
  'test.fail': (input: { message: string }): never => {
    throw new Error(input.message);
  },
  /** For the pool's own tests: the niceness of the thread that ran the task. */
  'test.niceness': async () => (await import('node:os')).getPriority(),
  /** For the pool's own tests: which thread ran the task. */
  'test.threadId': async () => (await import('node:worker_threads')).threadId,
  /** For the pool's own tests: keeps a thread busy for `ms` milliseconds. */
  'test.spin': (input: { ms: number }) => {
    const end = Date.now() + input.ms;
    let n = 0;
    while (Date.now() < end) n++;
    return n;
  },
};

export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
export type TaskInput<K extends TaskName> = Parameters<Tasks[K]>[0];
export type TaskOutput<K extends TaskName> = Awaited<ReturnType<Tasks[K]>>;
export type TaskReply = { ok: true; value: unknown } | { ok: false; error: TaskError };

/** The worker's entry point (piscina calls the default export with each task). */
export default async function runTask({ name, input }: { name: TaskName; input: unknown }): Promise<TaskReply> {
  try {
    const task = TASKS[name] as ((i: unknown) => unknown) | undefined;
    if (!task) throw new Error(`unknown worker task ${String(name)}`);
    return { ok: true, value: await task(input) };
  } catch (e) {
    return { ok: false, error: toTaskError(e) };
  }
}
