import v8 from 'node:v8';
import vm from 'node:vm';
import type { WorkerPool } from './pool.ts';
import { fromTaskError } from './task-errors.ts';
import type { TaskOutput, TaskReply } from './tasks.ts';

let fullCollection: (() => void) | undefined;

/**
 * A full garbage collection, once a task is done. A task leaves its working data behind at once
 * (an import's plan leaves the decoded files, their element trees and parsed records: about
 * 40 MB for 6,000 learners); V8 would collect it only when its old generation is full again,
 * so the writes that follow grew the heap on top of it. Collected here, the process's peak
 * memory is that much lower (docs/performance.md, « Import par la ligne de commande »); it
 * costs a few tens of milliseconds. V8's `gc` is not exposed without `--expose-gc`: the flag
 * is set, and the function taken from a fresh context, the first time.
 */
export function collectGarbage(): void {
  if (!fullCollection) {
    v8.setFlagsFromString('--expose-gc');
    fullCollection = vm.runInNewContext('gc') as () => void;
  }
  fullCollection();
}

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
      collectGarbage();
      if (!reply.ok) throw fromTaskError(reply.error);
      return reply.value as TaskOutput<typeof name>;
    },
    warm() {},
    async close() {},
  };
}
