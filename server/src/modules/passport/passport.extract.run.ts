import { Worker } from 'node:worker_threads';
import type { ExtractData } from './passport.extract.pdf.ts';

/**
 * Builds CCF extracts in a worker thread (passport.extract.worker.mjs), so that a class's PDFs
 * do not hold the event loop while other requests wait. The worker starts on the first extract
 * (loading its sources takes a few seconds), then stays, unreferenced: it never keeps the
 * process alive. If it dies, the requests waiting on it fail and the next one starts another.
 */
type Pending = { resolve: (pdfs: Buffer[]) => void; reject: (e: Error) => void };
type Reply = { id: number; pdfs?: Uint8Array[]; error?: string };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  worker = null;
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./passport.extract.worker.mjs', import.meta.url));
  w.unref();
  w.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.error !== undefined || !reply.pdfs) p.reject(new Error(`CCF extract failed: ${reply.error}`));
    else p.resolve(reply.pdfs.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)));
  });
  w.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
  w.on('exit', (code) => failAll(new Error(`CCF extract worker stopped (exit code ${code})`)));
  worker = w;
  return w;
}

/** The PDFs of these extracts, in the order given. */
export function renderExtracts(extracts: ExtractData[]): Promise<Buffer[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    theWorker().postMessage({ id, extracts });
  });
}
