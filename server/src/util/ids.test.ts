import { describe, expect, it } from 'vitest';
import { parse, stringify, validate, version } from 'uuid';
import { newId } from './ids.ts';

describe('newId', () => {
  it('gives UUIDv7 values that sort in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts with the current time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('writes the text uuid would write for the same bytes, version 7, RFC variant', () => {
    for (let i = 0; i < 2000; i++) {
      const id = newId();
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(stringify(parse(id))).toBe(id);
      expect(parse(id)[8]! >> 6).toBe(0b10);
    }
  });
});
