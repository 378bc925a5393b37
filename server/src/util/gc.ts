import v8 from 'node:v8';
import vm from 'node:vm';

let fullCollection: (() => void) | undefined;

/**
 * A full garbage collection of the calling thread's heap. A large task (a SIECLE import's plan)
 * leaves its working data behind at once — the decoded files, their parsed records, the plan's
 * rows: tens to hundreds of MB — which V8 would collect only when its old generation is full
 * again, so what follows (the writes, the report's serialisation) grew the heap on top of it
 * (docs/performance.md, « Ressources bornées » and « Import par la ligne de commande »). It costs
 * a few tens of milliseconds: never on the server's main thread. V8's `gc` is not exposed without
 * `--expose-gc`: the flag is set, and the function taken from a fresh context, the first time.
 */
export function collectGarbage(): void {
  if (!fullCollection) {
    v8.setFlagsFromString('--expose-gc');
    fullCollection = vm.runInNewContext('gc') as () => void;
  }
  fullCollection();
}
