import os from 'node:os';
import { Piscina } from 'piscina';
import { createFairGate, type FairGate } from './fair-gate.ts';
import { fromTaskError } from './task-errors.ts';
import type { TaskInput, TaskName, TaskOutput, TaskReply } from './tasks.ts';

/**
 * The kept worker pool (piscina): PDF and DOCX rendering, SIECLE parsing and planning, large CSV
 * files — any CPU work over ~20 ms — run here, never on the event loop (docs/performance.md).
 * One pool per process, in `deps.workers`; its first thread starts on the first task (or
 * `warm()`) and stays until `close()` (the app's shutdown); more start when tasks overlap, up to
 * `threads`. A task is keyed by its establishment: a fair gate lets one establishment use at most
 * half the threads, so another school's work never queues behind it.
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
  /** Starts the kept thread now (the server at start-up) instead of on the first task. */
  warm(): void;
  readonly threads: number;
  close(): Promise<void>;
};

const WORKER_FILE = new URL('./pool.worker.mjs', import.meta.url).href;
/** A thread past the first one stops after this long without a task. */
const IDLE_THREAD_MS = 60_000;

/** Threads: one per CPU, at least two (one establishment gets half of them, at least one). */
export function poolSize(cpus = os.availableParallelism()): number {
  return Math.max(2, cpus);
}

export function createWorkerPool(opts: { threads?: number } = {}): WorkerPool {
  const threads = opts.threads ?? poolSize();
  const gate: FairGate = createFairGate(Math.max(1, Math.floor(threads / 2)));
  let piscina: Piscina | null = null;
  // Created again after close(): a test process opens and closes several apps. One thread is kept
  // (~27 MB each, idle); the others start when tasks overlap and stop after a minute without work.
  const pool = () => (piscina ??= new Piscina({ filename: WORKER_FILE, minThreads: 1, maxThreads: threads, idleTimeout: IDLE_THREAD_MS }));
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
      pool();
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

/** A task's result bytes as a Buffer (structured clone gives back a plain Uint8Array). */
export const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
