// Worker thread of the CCF extracts: builds the PDFs off the main event loop. The sources are
// TypeScript, run through tsx as bin/cerise.mjs does. One long-lived worker answers requests
// `{ id, extracts }` with `{ id, pdfs }` (or `{ id, error }`), one after the other.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { extractPdf } = await import('./passport.extract.pdf.ts');

parentPort.on('message', async ({ id, extracts }) => {
  try {
    const pdfs = [];
    for (const data of extracts) pdfs.push(new Uint8Array(await extractPdf(data)));
    parentPort.postMessage({ id, pdfs }, pdfs.map((p) => p.buffer));
  } catch (e) {
    parentPort.postMessage({ id, error: String(e instanceof Error ? e.message : e) });
  }
});
