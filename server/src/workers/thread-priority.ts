import os from 'node:os';
import { isMainThread } from 'node:worker_threads';

/**
 * The niceness of the pool's threads (docs/performance.md « Ne jamais bloquer la boucle
 * d'événements »). On Linux a niceness belongs to a thread, and `setpriority(PRIO_PROCESS, 0)`
 * (os.setPriority with no pid) sets the calling thread's only: a 600-page PDF or an import's apply
 * still gets every core nobody else wants, but the main thread — the requests of every
 * establishment — comes first when both want one (CFS weights 1024 against 110 at 10).
 */
/** Added to the process's own niceness. */
export const WORKER_THREAD_NICENESS = 10;

/** Lowers the calling thread's priority, never the main thread's (the command line runs its tasks there). */
export function lowerWorkerThreadPriority(): boolean {
  if (isMainThread) return false;
  try {
    os.setPriority(Math.min(19, os.getPriority() + WORKER_THREAD_NICENESS));
    return true;
  } catch {
    return false; // not allowed (some containers) or not supported: the thread keeps the process's priority
  }
}
