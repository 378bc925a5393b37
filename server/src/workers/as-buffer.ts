/**
 * A task's result bytes as a Buffer (structured clone gives back a plain Uint8Array). Apart from
 * workers/pool.ts so that a module needing only this does not load the thread pool (piscina).
 */
export const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
