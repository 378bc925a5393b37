import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../test/pdf-text.ts';
import { createTestApp, testEngine, type TestContext } from '../../test/harness.ts';
import { renderParentLetters } from '../modules/access/access.letters.ts';
import { asBuffer } from './as-buffer.ts';
import type { TaskInput } from './tasks.ts';

let ctx: TestContext;

const establishment = {
  id: 'e',
  uai: '0860001A',
  name: 'Lycée du banc',
  address: '1 rue de la République',
  postal_code: '86000',
  town: 'Poitiers',
  phone: null,
  email: null,
  website: null,
} as unknown as TaskInput<'access.parentLetters'>['establishment'];

/** Letters to `n` parents, one page each. */
const letters = (n: number): TaskInput<'access.parentLetters'> => ({
  establishment,
  loginUrl: 'http://localhost:3000/0860001A',
  date: new Date('2026-11-28T09:00:00Z'),
  letters: Array.from({ length: n }, (_, i) => ({ civility: 'Mme', firstName: 'Claire', lastName: `Parent ${i}`, login: `claire.parent${i}`, temporaryPassword: 'abcd-efgh-12', children: [`Zoé Élève ${i} (2GA1)`] })),
});

beforeAll(async () => {
  ctx = await createTestApp();
  // Both threads started and their code loaded, as on a running server.
  await Promise.all(['warm-a', 'warm-b'].map((key) => ctx.deps.workers.run('access.parentLetters', letters(1), { key })));
}, 120_000);
afterAll(() => ctx.close());

describe(`the event loop during heavy work (${testEngine})`, () => {
  it('answers /api/health while a 60-page PDF is being rendered, before the PDF is done; the PDF is the one drawn in this thread', async () => {
    const done: string[] = [];
    const render = ctx.deps.workers.run('access.parentLetters', letters(60), { key: 'establishment-a' }).then((pdf) => {
      done.push('pdf');
      return asBuffer(pdf);
    });
    const health: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
      health.push(res.statusCode);
      done.push(`health ${i}`);
    }
    const pdf = await render;
    expect(health).toEqual([200, 200, 200]);
    // The three health checks came back while the letters were still being drawn.
    expect(done).toEqual(['health 0', 'health 1', 'health 2', 'pdf']);
    expect(pdfText(pdf)).toBe(pdfText(await renderParentLetters(letters(60))));
    expect(pdfText(pdf)).toContain('claire.parent59');
  }, 180_000);

  it("runs another establishment's task while one establishment's long task holds its share", async () => {
    const done: string[] = [];
    const heavy = ctx.deps.workers.run('test.spin', { ms: 3000 }, { key: 'establishment-a' }).then(() => done.push('A long'));
    const queued = ctx.deps.workers.run('test.spin', { ms: 1 }, { key: 'establishment-a' }).then(() => done.push('A short'));
    const other = ctx.deps.workers.run('test.spin', { ms: 1 }, { key: 'establishment-b' }).then(() => done.push('B short'));
    await Promise.all([heavy, queued, other]);
    // B did not wait for A's long task; A's second task waited for A's first.
    expect(done).toEqual(['B short', 'A long', 'A short']);
  }, 120_000);
});
