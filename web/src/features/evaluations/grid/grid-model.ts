import { LEVEL_BY_CODE, LEVELS, parseLevel, type ResultLevel } from '@cerise/common';

/**
 * The results grid's data, apart from React: cell values keyed `learnerId/evaluationCompetencyId`,
 * undo and redo as lists of edits, spreadsheet blocks in and out. Pure functions, unit-tested.
 */

export type Level = ResultLevel;
export const keyOf = (learnerId: string, columnId: string) => `${learnerId}/${columnId}`;

/** One changed cell: its value before and after. */
export type Edit = { key: string; before: Level | null; after: Level | null };

export type History = { undo: Edit[][]; redo: Edit[][] };
export const emptyHistory: History = { undo: [], redo: [] };
const HISTORY_LIMIT = 200;

/** The edits that set `keys` to `level`, leaving out cells already at that value. */
export function editsFor(values: ReadonlyMap<string, Level>, keys: readonly string[], level: Level | null | ((key: string, index: number) => Level | null)): Edit[] {
  const out: Edit[] = [];
  keys.forEach((key, i) => {
    const after = typeof level === 'function' ? level(key, i) : level;
    const before = values.get(key) ?? null;
    if (before !== after) out.push({ key, before, after });
  });
  return out;
}

export function applyEdits(values: ReadonlyMap<string, Level>, edits: readonly Edit[], direction: 'forward' | 'back' = 'forward'): Map<string, Level> {
  const next = new Map(values);
  for (const e of edits) {
    const v = direction === 'forward' ? e.after : e.before;
    if (v === null) next.delete(e.key);
    else next.set(e.key, v);
  }
  return next;
}

export function pushHistory(h: History, edits: Edit[]): History {
  if (edits.length === 0) return h;
  return { undo: [...h.undo, edits].slice(-HISTORY_LIMIT), redo: [] };
}

/** Undo: the edits to reverse and the history after; null when there is nothing to undo. */
export function undoStep(h: History): { edits: Edit[]; history: History } | null {
  const edits = h.undo.at(-1);
  if (!edits) return null;
  return { edits, history: { undo: h.undo.slice(0, -1), redo: [...h.redo, edits] } };
}

export function redoStep(h: History): { edits: Edit[]; history: History } | null {
  const edits = h.redo.at(-1);
  if (!edits) return null;
  return { edits, history: { undo: [...h.undo, edits], redo: h.redo.slice(0, -1) } };
}

/** The level a typed key stands for (one key per level, either case), or null. */
export function levelOfKey(key: string): Level | null {
  if (key.length !== 1) return null;
  return LEVELS.find((l) => l.key === key.toLowerCase())?.level ?? null;
}

export type ParsedBlock = { ok: true; rows: (Level | null)[][] } | { ok: false; row: number; column: number; text: string };

/**
 * A block copied from a spreadsheet (tab-separated lines; `;` also accepted): each cell a code
 * (RT, RP, ECA, TE, NE, ABS), a key letter (t, p, e, r, n, a), a level's name, or empty.
 */
export function parseBlock(text: string): ParsedBlock {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 1 && lines.at(-1)!.trim() === '') lines.pop();
  const rows: (Level | null)[][] = [];
  for (const [r, line] of lines.entries()) {
    const cells = line.includes('\t') ? line.split('\t') : line.split(';');
    const row: (Level | null)[] = [];
    for (const [c, raw] of cells.entries()) {
      const s = raw.trim();
      if (s === '') {
        row.push(null);
        continue;
      }
      const level = parseLevel(s);
      if (!level) return { ok: false, row: r + 1, column: c + 1, text: s.slice(0, 30) };
      row.push(level);
    }
    rows.push(row);
  }
  return { ok: true, rows };
}

/** The widest row of a block. */
export const blockWidth = (rows: readonly (readonly unknown[])[]) => Math.max(0, ...rows.map((r) => r.length));

/** A block of values as tab-separated codes (what a spreadsheet pastes). */
export function toTsv(rows: readonly (readonly (Level | null)[])[]): string {
  return rows.map((r) => r.map((v) => (v ? LEVEL_BY_CODE[v].short : '')).join('\t')).join('\n');
}

/** A rectangle of the grid (view coordinates, inclusive). */
export type Range = { r0: number; c0: number; r1: number; c1: number };
export const normalise = (a: { r: number; c: number }, b: { r: number; c: number }): Range => ({
  r0: Math.min(a.r, b.r),
  c0: Math.min(a.c, b.c),
  r1: Math.max(a.r, b.r),
  c1: Math.max(a.c, b.c),
});
export const inRange = (g: Range, r: number, c: number) => r >= g.r0 && r <= g.r1 && c >= g.c0 && c <= g.c1;
