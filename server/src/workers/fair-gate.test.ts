import { describe, expect, it } from 'vitest';
import { createFairGate } from './fair-gate.ts';

/** A task that ends when told to. */
function held() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

describe('fair gate in front of the worker pool', () => {
  it('lets one establishment run at most its share; the others go on, and its own tasks wait in order', async () => {
    const gate = createFairGate(1);
    const order: string[] = [];
    const a1 = held();
    const a2 = held();
    const b1 = held();
    const ranA1 = gate.run('A', async () => {
      order.push('A1 start');
      await a1.done;
      order.push('A1 end');
    });
    const ranA2 = gate.run('A', async () => {
      order.push('A2 start');
      await a2.done;
    });
    const ranB1 = gate.run('B', async () => {
      order.push('B1 start');
      await b1.done;
    });
    await new Promise((r) => setImmediate(r));
    // B runs beside A's first task; A's second waits for it.
    expect(order).toEqual(['A1 start', 'B1 start']);
    expect(gate.load('A')).toEqual({ running: 1, waiting: 1 });
    a1.release();
    await ranA1;
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['A1 start', 'B1 start', 'A1 end', 'A2 start']);
    a2.release();
    b1.release();
    await Promise.all([ranA2, ranB1]);
    expect(gate.load('A')).toEqual({ running: 0, waiting: 0 });
    expect(gate.load('B')).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a task fails', async () => {
    const gate = createFairGate(1);
    await expect(gate.run('A', () => Promise.reject(new Error('raté')))).rejects.toThrow('raté');
    expect(gate.load('A')).toEqual({ running: 0, waiting: 0 });
    await expect(gate.run('A', () => Promise.resolve(42))).resolves.toBe(42);
  });

  it('refuses a limit below one', () => {
    expect(() => createFairGate(0)).toThrow();
  });
});
