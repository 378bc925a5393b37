import { describe, expect, it } from 'vitest';
import { checkDisplayFilter, matchesDisplayFilter, type DisplayFilter, type DisplayRow } from './dashboard-filter.ts';

const row = (percent: number | null, over: Partial<DisplayRow> = {}): DisplayRow => ({ percent, state: 'acquired', poleId: 'p1', blocked: false, ...over });

describe('« Filtrer l’affichage »: criteria joined by ET / OU', () => {
  it('refuses several criteria without a connector chosen each time', () => {
    const f: DisplayFilter = { criteria: [{ kind: 'mastery_above', percent: 50 }, { kind: 'pole', poleId: 'p1' }, { kind: 'blocked' }], connectors: ['and', null] };
    expect(checkDisplayFilter(f)).toEqual({ ok: false, problem: 'missing_connector', index: 1 });
    expect(checkDisplayFilter({ ...f, connectors: ['and', 'or'] })).toEqual({ ok: true });
    expect(checkDisplayFilter({ criteria: [], connectors: [] })).toEqual({ ok: false, problem: 'no_criterion' });
    expect(checkDisplayFilter({ criteria: [{ kind: 'blocked' }], connectors: [] })).toEqual({ ok: true });
  });

  it('« supérieur à 50 % » is strict and never matches a bar without a percentage', () => {
    const f: DisplayFilter = { criteria: [{ kind: 'mastery_above', percent: 50 }], connectors: [] };
    expect([row(51), row(50), row(null)].map((r) => matchesDisplayFilter(f, r))).toEqual([true, false, false]);
  });

  it('ET needs both, OU either', () => {
    const and: DisplayFilter = { criteria: [{ kind: 'mastery_above', percent: 50 }, { kind: 'pole', poleId: 'p1' }], connectors: ['and'] };
    const or: DisplayFilter = { ...and, connectors: ['or'] };
    expect(matchesDisplayFilter(and, row(80, { poleId: 'p2' }))).toBe(false);
    expect(matchesDisplayFilter(or, row(80, { poleId: 'p2' }))).toBe(true);
    expect(matchesDisplayFilter(and, row(80))).toBe(true);
    expect(matchesDisplayFilter(or, row(10, { poleId: 'p2' }))).toBe(false);
  });

  it('ET binds before OU: A ET B OU C = (A ET B) OU C', () => {
    const f: DisplayFilter = { criteria: [{ kind: 'mastery_above', percent: 50 }, { kind: 'pole', poleId: 'p1' }, { kind: 'blocked' }], connectors: ['and', 'or'] };
    expect(matchesDisplayFilter(f, row(10, { blocked: true, poleId: 'p9' }))).toBe(true);
    expect(matchesDisplayFilter(f, row(80, { poleId: 'p9' }))).toBe(false);
    const g: DisplayFilter = { criteria: [{ kind: 'blocked' }, { kind: 'mastery_above', percent: 50 }, { kind: 'pole', poleId: 'p1' }], connectors: ['or', 'and'] };
    expect(matchesDisplayFilter(g, row(80, { poleId: 'p9' }))).toBe(false);
    expect(matchesDisplayFilter(g, row(10, { blocked: true, poleId: 'p9' }))).toBe(true);
  });

  it('filters on a state', () => {
    const f: DisplayFilter = { criteria: [{ kind: 'state', state: 'insufficient' }], connectors: [] };
    expect(matchesDisplayFilter(f, row(null, { state: 'insufficient' }))).toBe(true);
    expect(matchesDisplayFilter(f, row(90))).toBe(false);
  });
});
