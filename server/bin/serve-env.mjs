// The environment `cerise serve` is started with by `npm start` (scripts/start.mjs) and by the
// benchmarks (bench/support.ts): docs/performance.md « Ressources bornées », « glibc's arenas ».
//
// glibc's malloc maps a large block of its own and unmaps it when freed, but each such block of up
// to 32 MiB freed raises the size below which it serves blocks from its arenas, which keep freed
// memory resident (argon2's 19 MiB per login, the files and JSON of SIECLE analyses): a fixed
// threshold turns that sliding off. glibc reads it at process start only, hence from here; a
// deployment that runs `cerise serve` itself sets it in its own environment (README « Configuration »).
export const SERVE_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };

/** `env` with the serve settings it does not set itself. */
export function withServeEnv(env) {
  return { ...SERVE_MALLOC_ENV, ...env };
}
