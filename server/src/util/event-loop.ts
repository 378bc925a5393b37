import { setImmediate } from 'node:timers/promises';

/**
 * Lets the event loop serve what is waiting (accepted connections, answers, timers) before going
 * on. Needed between the steps of long work done in short pieces on the main thread: better-sqlite3
 * is synchronous, so `await` on its queries only goes through the microtask queue and never back
 * to the event loop — a loop of short transactions would otherwise hold every other request until
 * its very end (docs/performance.md « Ne jamais bloquer la boucle d'événements »).
 */
export function nextTurn(): Promise<void> {
  return setImmediate();
}
