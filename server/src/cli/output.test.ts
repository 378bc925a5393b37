import { afterEach, describe, expect, it, vi } from 'vitest';
import { printJson } from './output.ts';

function printed(value: unknown): string {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  printJson(value);
  vi.restoreAllMocks();
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('printJson', () => {
  it('prints exactly what JSON.stringify(value, null, 2) gives, and a newline', () => {
    const people = Array.from({ length: 3000 }, (_, i) => ({ civility: null, login: `marie.dupont${i}`, lastName: 'L’ŒUVRE', children: [`A ${i}`], groups: [] }));
    const values: unknown[] = [
      { runId: null, dryRun: true, created: { learners: 2 }, people, accounts: [], warnings: [{ message: 'ligne 1\nligne 2' }], files: ['a.xml'] },
      { a: [], b: {}, c: [1, [2, [3, { d: 'x' }]]], e: undefined, f: () => 1, g: new Date(0), h: [undefined, () => 1, null, Symbol('s')], i: { j: { k: [{}] } } },
      { toJSON: () => ({ z: [1, 2] }) },
      { x: { toJSON: () => undefined }, y: 1 },
      [[{ a: [1] }], []],
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      [],
      {},
      'texte',
      42,
      null,
    ];
    for (const value of values) expect(printed(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes a large report in several pieces, never as one string', () => {
    const people = Array.from({ length: 20_000 }, (_, i) => ({ login: `login${i}`, lastName: 'NOM', firstName: 'Prénom' }));
    const sizes: number[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      sizes.push(chunk.length);
      return true;
    });
    printJson({ people });
    vi.restoreAllMocks();
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThan(200_000);
  });
});
