import { describe, expect, it } from 'vitest';
import { applyEdits, editsFor, emptyHistory, levelOfKey, parseBlock, pushHistory, redoStep, toTsv, undoStep, type Level } from './grid-model.ts';

describe('results grid model', () => {
  it('has one key per level, either case, and nothing else', () => {
    expect(['t', 'p', 'e', 'r', 'n', 'a'].map(levelOfKey)).toEqual(['RT', 'RP', 'ECA', 'TE', 'NE', 'ABS']);
    expect(levelOfKey('T')).toBe('RT');
    expect(levelOfKey('x')).toBeNull();
    expect(levelOfKey('Enter')).toBeNull();
  });

  it('records edits, undoes and redoes them', () => {
    let values = new Map<string, Level>([['a', 'RT']]);
    const edits = editsFor(values, ['a', 'b', 'c'], 'RP');
    expect(edits).toEqual([
      { key: 'a', before: 'RT', after: 'RP' },
      { key: 'b', before: null, after: 'RP' },
      { key: 'c', before: null, after: 'RP' },
    ]);
    let h = pushHistory(emptyHistory, edits);
    values = applyEdits(values, edits);
    expect(Object.fromEntries(values)).toEqual({ a: 'RP', b: 'RP', c: 'RP' });
    const u = undoStep(h)!;
    values = applyEdits(values, u.edits, 'back');
    h = u.history;
    expect(Object.fromEntries(values)).toEqual({ a: 'RT' });
    const r = redoStep(h)!;
    values = applyEdits(values, r.edits);
    expect(values.size).toBe(3);
    expect(undoStep(emptyHistory)).toBeNull();
    // Emptying leaves no entry; a cell already at the value is no edit.
    expect(editsFor(values, ['a'], 'RP')).toEqual([]);
    expect(applyEdits(values, editsFor(values, ['a'], null)).has('a')).toBe(false);
  });

  it('parses a block pasted from a spreadsheet: codes, letters, names, blanks', () => {
    expect(parseBlock('RT\tp\t\nECA\tAbsent\tr\r\n')).toEqual({ ok: true, rows: [['RT', 'RP', null], ['ECA', 'ABS', 'TE']] });
    expect(parseBlock('rt;ne')).toEqual({ ok: true, rows: [['RT', 'NE']] });
    expect(parseBlock('Réussite totale\tTrop d’erreurs')).toEqual({ ok: true, rows: [['RT', 'TE']] });
    expect(parseBlock('RT\tRP\nRP\t12')).toEqual({ ok: false, row: 2, column: 2, text: '12' });
  });

  it('copies a block out as tab-separated codes', () => {
    expect(toTsv([['RT', null, 'ABS'], ['ECA', 'NE', 'TE']])).toBe('RT\t\tABS\nECA\tNE\tTE');
    const back = parseBlock(toTsv([['RT', null, 'ABS']]));
    expect(back).toEqual({ ok: true, rows: [['RT', null, 'ABS']] });
  });
});
