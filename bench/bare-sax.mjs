// The floor of the SIECLE import benchmark (siecle-import.bench.ts), run in a process of its own:
// decode each file with iconv-lite and run saxes over it, nothing else. Measured in the bench's own
// process it took 0.29 s on one run and 0.85 s on another (4 December 2026), the same files on
// the same machine: that process holds the generated establishment and has run everything before.
// Usage: node bench/bare-sax.mjs RUNS FILE...; prints one JSON line: { wallMs: [...], cpuMs: [...] },
// each entry one pass over all the files, after one warm-up pass.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const iconv = require('iconv-lite');
const { SaxesParser } = require('saxes');

const [runs, ...files] = process.argv.slice(2);
const cpuNow = () => (({ user, system }) => (user + system) / 1000)(process.cpuUsage());

function pass() {
  const wall0 = performance.now();
  const cpu0 = cpuNow();
  for (const file of files) {
    const text = iconv.decode(fs.readFileSync(file), 'iso-8859-15');
    const parser = new SaxesParser();
    let elements = 0;
    parser.on('opentag', () => elements++);
    parser.write(text).close();
    if (elements === 0) throw new Error(`no element in ${file}`);
  }
  return { wall: performance.now() - wall0, cpu: cpuNow() - cpu0 };
}

pass();
const measured = Array.from({ length: Number(runs) }, pass);
process.stdout.write(`${JSON.stringify({ wallMs: measured.map((m) => m.wall), cpuMs: measured.map((m) => m.cpu) })}\n`);
