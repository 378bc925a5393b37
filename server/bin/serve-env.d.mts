/** Types of serve-env.mjs (plain JavaScript: scripts/start.mjs loads it without tsx). */
export declare const SERVE_MALLOC_ENV: { MALLOC_MMAP_THRESHOLD_: string };
export declare function withServeEnv<T extends Record<string, string | undefined>>(env: T): T & typeof SERVE_MALLOC_ENV;
