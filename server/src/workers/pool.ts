import os from 'node:os';
import { Piscina } from 'piscina';
import { createFairGate, type FairGate } from './fair-gate.ts';
import { fromTaskError } from './task-errors.ts';
import type { TaskInput, TaskName, TaskOutput, TaskReply } from './tasks.ts';

/**
 * The kept worker pool (piscina): PDF and DOCX rendering, SIECLE parsing and planning, large CSV
 * files — any CPU work over ~20 ms — run here, never on the event loop (docs/performance.md).
 * One pool per process, in `deps.workers`; its threads start when tasks come (or `warm()`), up
 * to `threads`, and stop after `IDLE_THREAD_MS` without work or with `close()` (the app's
 * shutdown): an idle thread costs ~27 MB of resident memory. A task is keyed by its
 * establishment: a fair gate lets one establishment use at most half the threads, so another
 * school's work never queues behind it.
 *
 * The worker file is `pool.worker.mjs` next to this module: keep the `new URL(…, import.meta.url)`
 * form, which scripts/build-server.mjs rewrites to the bundled worker in server/dist/.
 */
export type WorkerPool = {
  /**
   * `ownThread`: the task runs in a thread started for it, which ends as soon as it is done, so
   * that the heap of a large task (a SIECLE analysis: hundreds of MB) goes back to the system at
   * once instead of staying with a kept thread (docs/performance.md « Ressources bornées »).
   */
  run<K extends TaskName>(name: K, input: TaskInput<K>, opts: { key: string; ownThread?: boolean }): Promise<TaskOutput<K>>;
  /** Starts a thread now (the server at start-up) instead of on the first task. */
  warm(): void;
  readonly threads: number;
  close(): Promise<void>;
};

const WORKER_FILE = new URL('./pool.worker.mjs', import.meta.url).href;
/** A thread stops after this long without a task (starting one again takes ~0.1 s). */
const IDLE_THREAD_MS = 30_000;

/** Threads: one per CPU, at least two (one establishment gets half of them, at least one). */
export function poolSize(cpus = os.availableParallelism()): number {
  return Math.max(2, cpus);
}

export function createWorkerPool(opts: { threads?: number } = {}): WorkerPool {
  const threads = opts.threads ?? poolSize();
  const gate: FairGate = createFairGate(Math.max(1, Math.floor(threads / 2)));
  let piscina: Piscina | null = null;
  // Created again after close(): a test process opens and closes several apps.
  const pool = () => (piscina ??= new Piscina({ filename: WORKER_FILE, minThreads: 0, maxThreads: threads, idleTimeout: IDLE_THREAD_MS }));
  // `ownThread`: a pool of one thread for one task, destroyed (its thread stopped) once it is done.
  const single = new Set<Piscina>();
  const inOwnThread = async (task: unknown) => {
    const own = new Piscina({ filename: WORKER_FILE, minThreads: 1, maxThreads: 1 });
    single.add(own);
    try {
      return await own.run(task);
    } finally {
      single.delete(own);
      void own.destroy().catch(() => {});
    }
  };
  return {
    threads,
    async run(name, input, { key, ownThread }) {
      const reply = (await gate.run(key, () => (ownThread ? inOwnThread({ name, input }) : pool().run({ name, input })))) as TaskReply;
      if (!reply.ok) {
        if (reply.error.kind === 'bug') process.emitWarning(`worker task ${name} failed: ${reply.error.stack ?? reply.error.message}`);
        throw fromTaskError(reply.error);
      }
      return reply.value as TaskOutput<typeof name>;
    },
    warm() {
      // A task for nothing starts a thread (and loads the task table) before the first request.
      void pool().run({ name: 'pool.ready', input: undefined }).catch(() => {});
    },
    async close() {
      const p = [piscina, ...single];
      piscina = null;
      single.clear();
      await Promise.all(p.map((x) => x?.destroy()));
    },
  };
}

let shared: WorkerPool | null = null;
/** The process's pool (created once; `runtime.ts` and the test harness put it in `deps`). */
export function processWorkerPool(): WorkerPool {
  shared ??= createWorkerPool();
  return shared;
}
