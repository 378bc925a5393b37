/** `npm run bench`: every benchmark, figures printed (never asserted in unit tests). */
import { benchSiecleImport } from './siecle-import.bench.ts';

const only = process.argv[2];
if (!only || only === 'siecle') {
  console.log('== Import SIECLE ==');
  await benchSiecleImport({ learners: Number(process.env.BENCH_LEARNERS ?? 6000) });
}
