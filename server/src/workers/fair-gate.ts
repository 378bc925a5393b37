/**
 * A fair gate in front of the worker pool (docs/performance.md, « Never block the event loop »):
 * at most `limitPerKey` tasks of one key (an establishment) are in the pool at once; the others
 * wait in that key's own queue, so one school's heavy work never fills every thread while
 * another school waits behind it.
 */
export type FairGate = {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Tasks running and waiting for a key (for tests and logs). */
  load(key: string): { running: number; waiting: number };
};

export function createFairGate(limitPerKey: number): FairGate {
  if (!Number.isInteger(limitPerKey) || limitPerKey < 1) throw new Error(`limitPerKey must be a positive integer, not ${limitPerKey}`);
  const running = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  const acquire = (key: string): Promise<void> => {
    const n = running.get(key) ?? 0;
    if (n < limitPerKey) {
      running.set(key, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = waiting.get(key) ?? [];
      queue.push(resolve);
      waiting.set(key, queue);
    });
  };
  const release = (key: string) => {
    const queue = waiting.get(key);
    const next = queue?.shift();
    if (queue && queue.length === 0) waiting.delete(key);
    // The slot goes straight to the next task of the same key: the count does not change.
    if (next) return next();
    const n = (running.get(key) ?? 1) - 1;
    if (n === 0) running.delete(key);
    else running.set(key, n);
  };

  return {
    async run(key, fn) {
      await acquire(key);
      try {
        return await fn();
      } finally {
        release(key);
      }
    },
    load: (key) => ({ running: running.get(key) ?? 0, waiting: waiting.get(key)?.length ?? 0 }),
  };
}
