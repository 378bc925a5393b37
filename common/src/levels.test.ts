import { describe, expect, it } from 'vitest';
import { LEVELS, parseLevel } from './levels.ts';
import { RESULT_LEVELS } from './mastery.ts';

describe('levels', () => {
  it('covers the 6-level scale with distinct keys and letters', () => {
    expect(LEVELS.map((l) => l.level)).toEqual([...RESULT_LEVELS]);
    expect(new Set(LEVELS.map((l) => l.key)).size).toBe(6);
    expect(new Set(LEVELS.map((l) => l.short)).size).toBe(6);
  });

  it('reads keys, codes and labels, with or without accents', () => {
    expect(parseLevel('t')).toBe('RT');
    expect(parseLevel('RP')).toBe('RP');
    expect(parseLevel(' eca ')).toBe('ECA');
    expect(parseLevel('Trop d’erreurs')).toBe('TE');
    expect(parseLevel("trop d'erreurs")).toBe('TE');
    expect(parseLevel('Non evaluable')).toBe('NE');
    expect(parseLevel('abs')).toBe('ABS');
    expect(parseLevel('')).toBeNull();
    expect(parseLevel('x')).toBeNull();
  });
});
