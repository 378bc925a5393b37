/**
 * Bounded uploads (docs/performance.md « Ressources bornées »): 20 administrators of 20
 * establishments send a 50 MB SIECLE learners' import at the same moment to the real server
 * (one process, default budget). Measures the server's peak resident memory (VmHWM) and counts
 * the analyses made and the uploads refused with 503 / 429 (« réessayez dans un instant »).
 * Runs alone: `npx tsx bench/uploads.bench.ts`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSiecleFiles, makeSchool } from '../server/src/modules/siecle/synthetic/generate.ts';
import { makeEstablishment, makeUser } from '../server/test/factories.ts';
import { log, scratchDatabase, sessionCookie, startServer, withRuntime, type RunningServer } from './support.ts';

const MB = 1024 * 1024;

export type UploadsFigures = { parallel: number; sizeMb: number; peakRssMb: number; analysed: number; refused503: number; refused429: number; other: number };

/** The resident memory of a process (KiB): now (VmRSS) and its peak (VmHWM), from /proc. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** A multipart body made of parts (a Buffer each, never copied), its boundary and exact length. */
function multipartParts(files: { field: string; filename: string; parts: Buffer[] }[]) {
  const boundary = `----cerise${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: text/xml\r\n\r\n`));
    chunks.push(...f.parts, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { chunks, boundary, length: chunks.reduce((n, c) => n + c.byteLength, 0) };
}

function post(base: string, url: string, cookie: string, body: ReturnType<typeof multipartParts>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': `multipart/form-data; boundary=${body.boundary}`, 'content-length': String(body.length) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The server may answer (503) before it has read the body: the answer is what counts.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    void (async () => {
      for (const c of body.chunks) if (!req.write(c)) await new Promise((r) => req.once('drain', r));
      req.end();
    })();
  });
}

/** The same bytes with every `from` (same length) of the first `head` bytes replaced: the head copied, the rest shared. */
function withUai(bytes: Uint8Array, from: string, to: string, head = 4096): Buffer[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf(from, head) !== -1) throw new Error(`${from} appears past the first ${head} bytes`);
  const first = Buffer.from(buf.subarray(0, head).toString('latin1').replaceAll(from, to), 'latin1');
  return [first, buf.subarray(head)];
}

export async function benchUploads(opts: { parallel?: number; sizeMb?: number } = {}): Promise<UploadsFigures> {
  const parallel = opts.parallel ?? 20;
  const sizeMb = opts.sizeMb ?? 50;
  const scratch = await scratchDatabase('uploads');
  let server: RunningServer | undefined;
  try {
    // ~2.85 MB of Élèves + Responsables per 1,000 learners.
    const learners = Math.round((sizeMb * 1000) / 2.85);
    log(`fichiers : ${learners} apprenants…`);
    const template = '0860000A';
    const school = makeSchool({ seed: 11, uai: template, learners, divisions: Math.ceil(learners / 28) });
    const files = generateSiecleFiles(school);
    log(`  Élèves ${(files.eleves.byteLength / MB).toFixed(1)} Mo, Responsables ${(files.responsables.byteLength / MB).toFixed(1)} Mo`);

    // Establishments and their administrators, with a session each (no argon2 per user).
    const admins = await withRuntime(scratch.env, async (deps) => {
      const out: { uai: string; cookie: string }[] = [];
      for (let i = 0; i < parallel; i++) {
        const uai = `${String(8600100 + i)}${'ABCDEFGHJKLMNPRSTUVW'[i % 20]}`;
        const est = await makeEstablishment(deps, { uai });
        const admin = await makeUser(deps, est.id, { profiles: ['administrator'], password: null, must_change_password: 0 });
        out.push({ uai, cookie: await sessionCookie(deps.db, admin.id, est.id) });
      }
      return out;
    });

    server = await startServer(scratch.env);
    const { base } = server;
    const pid = server.process.pid!;
    // Teachers first (a learners' import needs them): the small STSWEB file of each, analysed then applied.
    for (const a of admins) {
      const sts = multipartParts([{ field: 'teachers', filename: `sts_emp_${a.uai}.xml`, parts: withUai(files.sts, template, a.uai, files.sts.byteLength) }]);
      const analysed = await post(base, '/api/v1/imports/teachers/analysis', a.cookie, sts);
      if (analysed.status !== 200) throw new Error(`teachers analysis: ${analysed.status} ${analysed.body}`);
      const runId = (JSON.parse(analysed.body) as { runId: string }).runId;
      const applied = await fetch(`${base}/api/v1/imports/${runId}/apply`, { method: 'POST', headers: { cookie: a.cookie, origin: base } });
      if (applied.status !== 200) throw new Error(`teachers apply: ${applied.status} ${await applied.text()}`);
    }
    const before = memoryOf(pid);
    log(`serveur prêt : RSS ${(before.rss / 1024).toFixed(0)} Mo ; ${parallel} envois de ${sizeMb} Mo en parallèle…`);

    const t0 = performance.now();
    let peakSampled = before.rss;
    const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, memoryOf(pid).rss)), 50);
    const results = await Promise.all(
      admins.map((a) =>
        post(
          base,
          '/api/v1/imports/learners/analysis',
          a.cookie,
          multipartParts([
            { field: 'eleves', filename: 'ElevesSansAdresses.xml', parts: withUai(files.eleves, template, a.uai) },
            { field: 'responsables', filename: 'ResponsablesAvecAdresses.xml', parts: withUai(files.responsables, template, a.uai) },
          ]),
        ),
      ),
    );
    clearInterval(sampler);
    const after = memoryOf(pid);
    const count = (s: number) => results.filter((r) => r.status === s).length;
    const other = results.filter((r) => ![200, 503, 429].includes(r.status));
    for (const r of other) log(`  réponse inattendue ${r.status} : ${r.body.slice(0, 300)}`);
    const refusal = results.find((r) => r.status === 503);
    if (refusal) log(`  refus : ${JSON.parse(refusal.body).error.message}`);
    const figures = {
      parallel,
      sizeMb: Number(((files.eleves.byteLength + files.responsables.byteLength) / MB).toFixed(1)),
      peakRssMb: Math.round(Math.max(after.hwm, peakSampled) / 1024),
      analysed: count(200),
      refused503: count(503),
      refused429: count(429),
      other: other.length,
    };
    log(`envois : ${figures.analysed} analysés, ${figures.refused503} refusés (503), ${figures.refused429} refusés (429) en ${((performance.now() - t0) / 1000).toFixed(1)} s ; pic RSS ${figures.peakRssMb} Mo`);
    return figures;
  } finally {
    await server?.stop();
    await scratch.dispose();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchUploads({ parallel: Number(process.env.BENCH_UPLOADS_PARALLEL ?? 20), sizeMb: Number(process.env.BENCH_UPLOADS_MB ?? 50) }), null, 2));
}
