import { describe, expect, it } from 'vitest';
import { errorMessage } from '@cerise/common';
import { AppError } from '../http/errors.ts';
import { createInlinePool } from './inline-pool.ts';

// The command line's pool (docs/performance.md, « Import par la ligne de commande »).
describe('createInlinePool', () => {
  const pool = createInlinePool();

  it('runs a task of the pool’s table on the calling thread', async () => {
    expect(await pool.run('test.spin', { ms: 1 }, { key: 'est-a' })).toBeGreaterThan(0);
  });

  it('answers a bug in a task with the same clean French error as the pool', async () => {
    const error = await pool.run('test.fail', { message: 'boom' }, { key: 'est-a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('common.worker_failed');
    expect((error as AppError).message).toBe(errorMessage('common.worker_failed'));
  });
});

describe('collectGarbage', () => {
  it('runs a full collection without --expose-gc: what nothing references any more is freed', async () => {
    const { collectGarbage } = await import('../util/gc.ts');
    let garbage: object | null = { data: new Array(1000).fill('x') };
    const ref = new WeakRef(garbage);
    garbage = null;
    // A WeakRef's target is kept until the end of the current job: collect in a later one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    expect(garbage).toBeNull();
  });
});
