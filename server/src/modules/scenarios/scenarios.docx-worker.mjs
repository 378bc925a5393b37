// Worker thread of scenarios.docx-pool.ts: loads the TypeScript sources through tsx, renders, answers.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { renderScenarioDocx } = await import('./scenarios.docx.ts');
  const bytes = new Uint8Array(await renderScenarioDocx(workerData));
  parentPort.postMessage({ ok: true, bytes }, [bytes.buffer]);
} catch (e) {
  parentPort.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
}
