import { Worker } from 'node:worker_threads';
import { renderScenarioDocx, type ScenarioDocxInput } from './scenarios.docx.ts';

/**
 * Renders a scenario's .docx in a worker thread (docs/design.md §4: the event loop is never blocked),
 * one short-lived worker per export; if a worker cannot start (an environment without the
 * TypeScript loader), renders in this thread instead: the document is small.
 */
const WORKER_URL = new URL('./scenarios.docx-worker.mjs', import.meta.url);

let workersWork = true;

export async function renderDocxOffThread(input: ScenarioDocxInput): Promise<Buffer> {
  if (!workersWork) return renderScenarioDocx(input);
  try {
    return await renderInWorker(input);
  } catch (e) {
    if (!(e instanceof WorkerStartError)) throw e;
    workersWork = false;
    return renderScenarioDocx(input);
  }
}

class WorkerStartError extends Error {}

function renderInWorker(input: ScenarioDocxInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_URL, { workerData: input });
    } catch (e) {
      reject(new WorkerStartError(String(e)));
      return;
    }
    let settled = false;
    worker.once('message', (msg: { ok: true; bytes: Uint8Array } | { ok: false; error: string }) => {
      settled = true;
      void worker.terminate();
      if (msg.ok) resolve(Buffer.from(msg.bytes));
      else reject(new Error(msg.error));
    });
    worker.once('error', (e) => {
      if (!settled) reject(new WorkerStartError(String(e)));
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new WorkerStartError(`docx worker exited with ${code}`));
    });
  });
}
