import { afterAll, describe, expect, it } from 'vitest';
import { emptySiecleCounts, errorMessage, type SiecleImportReport } from '@cerise/common';
import { pdfText } from '../../test/pdf-text.ts';
import { AppError } from '../http/errors.ts';
import { SiecleFileError } from '../modules/siecle/parse/errors.ts';
import { reportCsv, reportPdf } from '../modules/siecle/siecle.report.ts';
import { asBuffer } from './as-buffer.ts';
import { createWorkerPool, poolSize } from './pool.ts';
import { WORKER_THREAD_NICENESS } from './thread-priority.ts';

const pool = createWorkerPool({ threads: 2 });
afterAll(() => pool.close());

const report: SiecleImportReport = {
  runId: null,
  kind: 'learners',
  dryRun: false,
  schoolYear: '2026-2027',
  files: ['ElevesSansAdresses.xml'],
  created: { ...emptySiecleCounts(), learners: 2 },
  updated: emptySiecleCounts(),
  hidden: emptySiecleCounts(),
  ignored: 0,
  accounts: [],
  divisionsCreated: [],
  groupsCreated: [],
  people: [
    { kind: 'learner', status: 'created', login: 'zoe.lukasiewicz', initialPassword: '01022010', civility: null, lastName: 'Łukasiewicz', firstName: 'Zoé', discipline: null, function: null, divisions: ['2GA1'], groups: [], children: [] },
    { kind: 'learner', status: 'created', login: 'thi.ngo', initialPassword: '03042010', civility: null, lastName: 'Ngô', firstName: 'Thị Hằng', discipline: null, function: null, divisions: ['2GA1'], groups: [], children: [] },
  ],
  warnings: [],
  mailsQueued: 0,
};

describe('worker pool', () => {
  it('renders the same document as the builder run in this thread', async () => {
    const inPool = asBuffer(await pool.run('siecle.reportPdf', { report, establishmentName: 'Lycée Œillet' }, { key: 'est-a' }));
    const here = await reportPdf(report, 'Lycée Œillet');
    expect(inPool.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(inPool)).toBe(pdfText(here));
    expect(pdfText(inPool)).toContain('ŁUKASIEWICZ');
    expect(await pool.run('siecle.reportCsv', { report }, { key: 'est-a' })).toBe(reportCsv(report));
  });

  it('answers a bug in a task with a clean French error, and keeps working', async () => {
    const error = await pool.run('test.fail', { message: 'boom' }, { key: 'est-a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(500);
    expect((error as AppError).code).toBe('common.worker_failed');
    expect((error as AppError).message).toBe(errorMessage('common.worker_failed'));
    expect((error as AppError).message).not.toContain('boom');
    expect(await pool.run('test.spin', { ms: 1 }, { key: 'est-a' })).toBeGreaterThan(0);
  });

  it("gives back the user's errors as they were thrown (a refused SIECLE file)", async () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0"?><BEE_ELEVES><PARAMETRES>');
    const error = await pool
      .run('siecle.plan', { kind: 'teachers', uploads: { teachers: { name: 'sts.xml', bytes } }, ctx: {} as never, snapshotYear: '2026-2027' }, { key: 'est-a' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiecleFileError);
    expect((error as SiecleFileError).message).toMatch(/^sts\.xml/);
    const missing = await pool.run('siecle.plan', { kind: 'teachers', uploads: {}, ctx: {} as never, snapshotYear: '2026-2027' }, { key: 'est-a' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).code).toBe('siecle.missing_file');
  });

  it('runs an `ownThread` task in a thread started for it, and the others in the pool’s threads', async () => {
    const kept = await pool.run('test.threadId', undefined, { key: 'est-a' });
    expect(await pool.run('test.threadId', undefined, { key: 'est-a' })).toBe(kept);
    const first = await pool.run('test.threadId', undefined, { key: 'est-a', ownThread: true });
    const second = await pool.run('test.threadId', undefined, { key: 'est-a', ownThread: true });
    expect(new Set([kept, first, second]).size).toBe(3);
    // A user's error comes back the same way from a thread of its own.
    const missing = await pool.run('siecle.analyse', { kind: 'teachers', uploads: {}, ctx: {} as never, snapshotYear: '2026-2027', runId: 'r' }, { key: 'est-a', ownThread: true }).catch((e: unknown) => e);
    expect((missing as AppError).code).toBe('siecle.missing_file');
  });

  it('runs its tasks in threads that give way to the main thread (niceness 10), the main thread untouched', async () => {
    const { default: os } = await import('node:os');
    const main = os.getPriority();
    expect(await pool.run('test.niceness', undefined, { key: 'est-a' })).toBe(Math.min(19, main + WORKER_THREAD_NICENESS));
    expect(await pool.run('test.niceness', undefined, { key: 'est-a', ownThread: true })).toBe(Math.min(19, main + WORKER_THREAD_NICENESS));
    expect(os.getPriority()).toBe(main);
  });

  it('has at least two threads, one per CPU', () => {
    expect(poolSize(1)).toBe(2);
    expect(poolSize(8)).toBe(8);
  });
});
