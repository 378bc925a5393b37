import { describe, expect, it } from 'vitest';
import { UploadBudget } from './upload-budget.ts';

const MB = 1024 * 1024;
const limits = { maxAnalyses: 1, maxBytesInFlight: 100 * MB, maxDiskPerEstablishment: 60 * MB, queueWaitMs: 50, sweepEveryMs: 60_000 };

describe('upload budget', () => {
  it('reserves bytes in flight, refuses past them with 503, and frees them once (release twice is harmless)', () => {
    const b = new UploadBudget(limits);
    const a = b.reserve('A', 50 * MB, 0);
    const c = b.reserve('B', 50 * MB, 0);
    expect(() => b.reserve('C', 1, 0)).toThrow(expect.objectContaining({ status: 503, code: 'files.server_busy', details: { retryAfterSeconds: 10 } }));
    a();
    a();
    expect(b.usage().bytesInFlight).toBe(50 * MB);
    expect(() => b.reserve('C', 50 * MB, 0)).not.toThrow();
    c();
  });

  it("refuses past one establishment's own disk (kept analyses + uploads in progress) with 429, others go on", () => {
    const b = new UploadBudget(limits);
    b.reserve('A', 30 * MB, 0);
    expect(() => b.reserve('A', 20 * MB, 20 * MB)).toThrow(expect.objectContaining({ status: 429, code: 'files.establishment_busy' }));
    expect(() => b.reserve('B', 20 * MB, 20 * MB)).not.toThrow();
  });

  it('grants analysis slots in order, and refuses with 503 after the queue wait', async () => {
    const b = new UploadBudget({ ...limits, queueWaitMs: 10_000 });
    const first = await b.analysisSlot();
    const order: string[] = [];
    const second = b.analysisSlot().then((release) => (order.push('second'), release));
    const third = b.analysisSlot().then((release) => (order.push('third'), release));
    expect(b.usage()).toMatchObject({ analysesRunning: 1, analysesWaiting: 2 });
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(b.usage()).toMatchObject({ analysesRunning: 0, analysesWaiting: 0 });

    const quick = new UploadBudget(limits);
    const held = await quick.analysisSlot();
    await expect(quick.analysisSlot()).rejects.toMatchObject({ status: 503, code: 'files.server_busy', details: { retryAfterSeconds: 15 } });
    expect(quick.usage().analysesWaiting).toBe(0);
    held();
    (await quick.analysisSlot())();
  });
});
