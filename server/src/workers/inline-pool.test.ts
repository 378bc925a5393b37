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
