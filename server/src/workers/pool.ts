import os from 'node:os';
import { Piscina } from 'piscina';
import { createFairGate, type FairGate } from './fair-gate.ts';
import { fromTaskError } from './task-errors.ts';
import type { TaskInput, TaskName, TaskOutput, TaskReply } from './tasks.ts';

/**
 * The kept worker pool (piscina): PDF and DOCX rendering, SIECLE parsing and planning, large CSV
 * files — any CPU work over ~20 ms — run here, never on the event loop (docs/performance.md).
 * One pool per process, in `deps.workers`; its threads start on the first task (or `warm()`)
 * and stop with `close()` (the app's shutdown). A task is keyed by its establishment: a fair
 * gate lets one establishment use at most half the threads, so another school's work never
 * queues behind it.
 *
 * The worker file is `pool.worker.mjs` next to this module: keep the `new URL(…, import.meta.url)`
 * form, which scripts/build-server.mjs rewrites to the bundled worker in server/dist/.
 */
export type WorkerPool = {
  run<K extends TaskName>(name: K, input: TaskInput<K>, opts: { key: string }): Promise<TaskOutput<K>>;
  /** Starts the threads now (the server at start-up) instead of on the first task. */
  warm(): void;
  readonly threads: number;
  close(): Promise<void>;
};

const WORKER_FILE = new URL('./pool.worker.mjs', import.meta.url).href;

/** Threads: one per CPU, at least two (one establishment gets half of them, at least one). */
export function poolSize(cpus = os.availableParallelism()): number {
  return Math.max(2, cpus);
}

export function createWorkerPool(opts: { threads?: number } = {}): WorkerPool {
  const threads = opts.threads ?? poolSize();
  const gate: FairGate = createFairGate(Math.max(1, Math.floor(threads / 2)));
  let piscina: Piscina | null = null;
  const pool = () => {
    // Created again after close(): a test process opens and closes several apps.
    piscina ??= new Piscina({ filename: WORKER_FILE, minThreads: threads, maxThreads: threads, idleTimeout: Number.POSITIVE_INFINITY });
    return piscina;
  };
  return {
    threads,
    async run(name, input, { key }) {
      const reply = (await gate.run(key, () => pool().run({ name, input }))) as TaskReply;
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
      const p = piscina;
      piscina = null;
      await p?.destroy();
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
