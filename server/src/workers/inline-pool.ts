import v8 from 'node:v8';
import { collectGarbage } from '../util/gc.ts';
import type { WorkerPool } from './pool.ts';
import { fromTaskError } from './task-errors.ts';
import type { TaskOutput, TaskReply } from './tasks.ts';

/** Heap in use past which a task's leftovers are collected at once (bytes). */
const FULL_COLLECTION_ABOVE = 64 * 1024 * 1024;

/**
 * The pool's tasks run on the calling thread, one after the other. For the command line only
 * (runtime.ts `withRuntime`): a `cerise import` has no other request to keep waiting, so handing
 * its files to another thread would only add the copy of the files and of the plan, the threads'
 * start and a second heap (docs/performance.md, « Import par la ligne de commande »). The server
 * always uses the kept pool (pool.ts).
 */
export function createInlinePool(): WorkerPool {
  return {
    threads: 1,
    async run(name, input) {
      const { default: runTask } = await import('./tasks.ts');
      const reply: TaskReply = await runTask({ name, input });
      // What a large task left behind goes before the writes that follow (util/gc.ts); after a
      // small one (a staff file: a few MB), the collection would cost more than it frees.
      if (v8.getHeapStatistics().used_heap_size > FULL_COLLECTION_ABOVE) collectGarbage();
      if (!reply.ok) throw fromTaskError(reply.error);
      return reply.value as TaskOutput<typeof name>;
    },
    warm() {},
    async close() {},
  };
}
