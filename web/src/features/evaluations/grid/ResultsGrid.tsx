import { LEVEL_BY_CODE, type Evaluation } from '@cerise/common';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { t } from '../../../app/i18n/t.ts';
import { blockWidth, inRange, keyOf, levelOfKey, normalise, parseBlock, toTsv, type Level, type Range } from './grid-model.ts';
import classes from './results-grid.module.css';

export type GridApi = {
  values: ReadonlyMap<string, Level>;
  set: (keys: readonly string[], level: Level | null | ((key: string, index: number) => Level | null)) => void;
  undo: () => boolean;
  redo: () => boolean;
};

type Props = {
  evaluation: Evaluation;
  grid: GridApi;
  /** Rows are learners (default) or competencies. */
  transposed: boolean;
  /** Where the cursor goes after an entry. */
  advance: 'down' | 'right';
  readOnly: boolean;
  /** A French message about a paste (shown by the page): an error when it does not fit. */
  onMessage: (message: string, isError: boolean) => void;
};

type Pos = { r: number; c: number };
const learnerName = (l: Evaluation['learners'][number]) => `${l.lastName} ${l.firstName}`;

/**
 * The results grid (WAI-ARIA grid pattern): a table with role=grid, one tab stop (roving
 * tabindex), every cell announcing learner, competency and level. One key per level; arrows, Tab
 * and Enter move; Shift+arrows select a block, Shift+Space a row, Ctrl+Space a column; a level key
 * fills the selection; Delete empties it; Ctrl+Z / Ctrl+Y undo and redo; paste a block copied
 * from a spreadsheet; copy the selection out.
 */
export function ResultsGrid({ evaluation, grid, transposed, advance, readOnly, onMessage }: Props) {
  const { learners, competencies } = evaluation;
  const rowCount = transposed ? competencies.length : learners.length;
  const colCount = transposed ? learners.length : competencies.length;
  const [active, setActive] = useState<Pos>({ r: 0, c: 0 });
  const [anchor, setAnchor] = useState<Pos | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const typed = useRef(false);
  const activeRef = useRef(active);
  activeRef.current = active;

  const keyAt = useCallback(
    (r: number, c: number) => {
      const learner = learners[transposed ? c : r]!;
      const column = competencies[transposed ? r : c]!;
      return keyOf(learner.id, column.id);
    },
    [learners, competencies, transposed],
  );
  const clamp = useCallback((p: Pos): Pos => ({ r: Math.max(0, Math.min(rowCount - 1, p.r)), c: Math.max(0, Math.min(colCount - 1, p.c)) }), [rowCount, colCount]);
  const selection: Range = anchor ? normalise(anchor, active) : { r0: active.r, c0: active.c, r1: active.r, c1: active.c };
  const keysIn = (g: Range) => {
    const keys: string[] = [];
    for (let r = g.r0; r <= g.r1; r++) for (let c = g.c0; c <= g.c1; c++) keys.push(keyAt(r, c));
    return keys;
  };

  useEffect(() => setActive((p) => clamp(p)), [clamp]);

  // The focus follows the active cell while it is inside the grid.
  useLayoutEffect(() => {
    const el = table.current;
    if (!el || !el.contains(document.activeElement)) return;
    const cell = el.querySelector<HTMLElement>(`[data-r="${active.r}"][data-c="${active.c}"]`);
    if (cell && cell !== document.activeElement) cell.focus();
  }, [active]);

  // "Typing one cell shows its level": from the key to the next frame (a performance measure, read by e2e).
  useLayoutEffect(() => {
    if (!typed.current) return;
    typed.current = false;
    requestAnimationFrame(() => {
      try {
        performance.measure('evaluations:type-cell', 'evaluations:keydown');
      } catch {
        // No mark (the entry did not come from a key).
      }
    });
  }, [grid.values]);

  const moveTo = (p: Pos, extend = false) => {
    if (extend) setAnchor((a) => a ?? activeRef.current);
    else setAnchor(null);
    setActive(clamp(p));
  };
  const selectLine = (kind: 'row' | 'column', i: number) => {
    if (kind === 'row') {
      setAnchor({ r: i, c: 0 });
      setActive({ r: i, c: colCount - 1 });
    } else {
      setAnchor({ r: 0, c: i });
      setActive({ r: rowCount - 1, c: i });
    }
    requestAnimationFrame(() => table.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus());
  };
  const next = (p: Pos, dir: 'down' | 'right', back = false): Pos => {
    const d = back ? -1 : 1;
    if (dir === 'down') {
      const r = p.r + d;
      if (r >= rowCount) return { r: 0, c: Math.min(colCount - 1, p.c + 1) };
      if (r < 0) return { r: rowCount - 1, c: Math.max(0, p.c - 1) };
      return { r, c: p.c };
    }
    const c = p.c + d;
    if (c >= colCount) return { r: Math.min(rowCount - 1, p.r + 1), c: 0 };
    if (c < 0) return { r: Math.max(0, p.r - 1), c: colCount - 1 };
    return { r: p.r, c };
  };

  function onKeyDown(e: KeyboardEvent<HTMLTableElement>) {
    const target = e.target as HTMLElement;
    if (target.dataset.r === undefined) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    const arrows: Record<string, Pos> = { ArrowUp: { r: -1, c: 0 }, ArrowDown: { r: 1, c: 0 }, ArrowLeft: { r: 0, c: -1 }, ArrowRight: { r: 0, c: 1 } };
    if (arrows[key]) {
      e.preventDefault();
      const d = arrows[key]!;
      moveTo(ctrl ? { r: d.r ? (d.r > 0 ? rowCount - 1 : 0) : active.r, c: d.c ? (d.c > 0 ? colCount - 1 : 0) : active.c } : { r: active.r + d.r, c: active.c + d.c }, e.shiftKey);
      return;
    }
    if (key === 'Home' || key === 'End') {
      e.preventDefault();
      const end = key === 'End';
      moveTo({ r: ctrl ? (end ? rowCount - 1 : 0) : active.r, c: end ? colCount - 1 : 0 }, e.shiftKey);
      return;
    }
    if (key === 'Tab') {
      const last = e.shiftKey ? active.r === 0 && active.c === 0 : active.r === rowCount - 1 && active.c === colCount - 1;
      if (last) return; // leave the grid
      e.preventDefault();
      moveTo(next(active, 'right', e.shiftKey));
      return;
    }
    if (key === 'Enter') {
      e.preventDefault();
      moveTo(next(active, advance, e.shiftKey));
      return;
    }
    if (key === ' ' && (e.shiftKey || ctrl)) {
      e.preventDefault();
      if (e.shiftKey) {
        setAnchor({ r: active.r, c: 0 });
        setActive({ r: active.r, c: colCount - 1 });
      } else {
        setAnchor({ r: 0, c: active.c });
        setActive({ r: rowCount - 1, c: active.c });
      }
      return;
    }
    if (ctrl && key.toLowerCase() === 'a') {
      e.preventDefault();
      setAnchor({ r: 0, c: 0 });
      setActive({ r: rowCount - 1, c: colCount - 1 });
      return;
    }
    if (readOnly) return;
    if (ctrl && (key.toLowerCase() === 'z' || key.toLowerCase() === 'y')) {
      e.preventDefault();
      if (key.toLowerCase() === 'y' || e.shiftKey) grid.redo();
      else grid.undo();
      return;
    }
    if (key === 'Delete' || key === 'Backspace') {
      e.preventDefault();
      grid.set(keysIn(selection), null);
      return;
    }
    if (ctrl || e.altKey) return;
    const level = levelOfKey(key);
    if (!level) return;
    e.preventDefault();
    performance.mark('evaluations:keydown');
    typed.current = true;
    const multi = selection.r0 !== selection.r1 || selection.c0 !== selection.c1;
    grid.set(keysIn(selection), level);
    if (!multi) moveTo(next(active, advance));
  }

  function onCopy(e: ClipboardEvent<HTMLTableElement>) {
    const rows: (Level | null)[][] = [];
    for (let r = selection.r0; r <= selection.r1; r++) {
      const row: (Level | null)[] = [];
      for (let c = selection.c0; c <= selection.c1; c++) row.push(grid.values.get(keyAt(r, c)) ?? null);
      rows.push(row);
    }
    e.clipboardData.setData('text/plain', toTsv(rows));
    e.preventDefault();
  }

  function onPaste(e: ClipboardEvent<HTMLTableElement>) {
    if (readOnly) return;
    e.preventDefault();
    const parsed = parseBlock(e.clipboardData.getData('text/plain'));
    if (!parsed.ok) {
      onMessage(t('evaluations.grid.paste.badValue', { row: parsed.row, column: parsed.column, text: parsed.text }), true);
      return;
    }
    const height = parsed.rows.length;
    const width = blockWidth(parsed.rows);
    const top = { r: selection.r0, c: selection.c0 };
    if (top.r + height > rowCount || top.c + width > colCount) {
      onMessage(t('evaluations.grid.paste.tooBig', { rows: height, columns: width, freeRows: rowCount - top.r, freeColumns: colCount - top.c }), true);
      return;
    }
    const keys: string[] = [];
    const levels: (Level | null)[] = [];
    parsed.rows.forEach((row, i) => {
      for (let j = 0; j < width; j++) {
        keys.push(keyAt(top.r + i, top.c + j));
        levels.push(row[j] ?? null);
      }
    });
    grid.set(keys, (_k, i) => levels[i] ?? null);
    onMessage(t('evaluations.grid.paste.done', { count: keys.length }), false);
    setAnchor(top);
    setActive({ r: top.r + height - 1, c: top.c + width - 1 });
  }

  const rowHeads = transposed ? competencies.map((c) => ({ id: c.id, title: c.code, hint: c.label })) : learners.map((l) => ({ id: l.id, title: learnerName(l), hint: l.classCodes.join(', ') }));
  const colHeads = transposed ? learners.map((l) => ({ id: l.id, title: learnerName(l), hint: l.classCodes.join(', ') })) : competencies.map((c) => ({ id: c.id, title: c.code, hint: c.label }));
  const itemsNote = useMemo(() => new Map(competencies.map((c) => [c.id, [...c.complexities, ...c.hazards].map((i) => i.label).join(' ; ')])), [competencies]);

  return (
    <div className={classes.scroller}>
      <table
        ref={table}
        role="grid"
        className={classes.grid}
        aria-label={t('evaluations.grid.label', { title: evaluation.title })}
        aria-rowcount={rowCount + 1}
        aria-colcount={colCount + 1}
        aria-multiselectable="true"
        aria-readonly={readOnly || undefined}
        onKeyDown={onKeyDown}
        onCopy={onCopy}
        onPaste={onPaste}
      >
        <thead>
          <tr role="row" aria-rowindex={1}>
            <th role="columnheader" aria-colindex={1} className={classes.corner} scope="col">
              {transposed ? t('evaluations.grid.competency') : t('evaluations.grid.learner')}
            </th>
            {colHeads.map((h, c) => (
              <th key={h.id} role="columnheader" aria-colindex={c + 2} scope="col" className={classes.colHead} onClick={() => selectLine('column', c)} title={transposed ? h.hint : `${h.hint}${itemsNote.get(h.id) ? ` — ${itemsNote.get(h.id)}` : ''}`}>
                {h.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowHeads.map((h, r) => (
            <tr key={h.id} role="row" aria-rowindex={r + 2}>
              <th role="rowheader" aria-colindex={1} scope="row" className={classes.rowHead} title={h.hint} onClick={() => selectLine('row', r)}>
                {h.title}
              </th>
              {colHeads.map((col, c) => {
                const key = keyAt(r, c);
                const learner = transposed ? col.title : h.title;
                const competency = transposed ? h.title : col.title;
                return (
                  <Cell
                    key={col.id}
                    r={r}
                    c={c}
                    level={grid.values.get(key) ?? null}
                    isActive={active.r === r && active.c === c}
                    isSelected={anchor !== null && inRange(selection, r, c)}
                    learner={learner}
                    competency={competency}
                    onPick={(p, extend) => moveTo(p, extend)}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type CellProps = {
  r: number;
  c: number;
  level: Level | null;
  isActive: boolean;
  isSelected: boolean;
  learner: string;
  competency: string;
  onPick: (p: Pos, extend: boolean) => void;
};

const Cell = memo(
  function Cell({ r, c, level, isActive, isSelected, learner, competency, onPick }: CellProps) {
    const info = level ? LEVEL_BY_CODE[level] : null;
    return (
      <td
        role="gridcell"
        aria-colindex={c + 2}
        aria-selected={isSelected || isActive}
        tabIndex={isActive ? 0 : -1}
        data-r={r}
        data-c={c}
        className={classes.cell}
        style={info ? { background: info.color, color: info.text } : undefined}
        aria-label={t('evaluations.grid.cellLabel', { learner, competency, level: info ? `${info.short} (${info.label})` : t('evaluations.grid.empty') })}
        title={info ? `${info.label} : ${info.meaning}` : undefined}
        onMouseDown={(e) => onPick({ r, c }, e.shiftKey)}
      >
        <span aria-hidden="true">{info ? info.short : ''}</span>
      </td>
    );
  },
  (a, b) => a.level === b.level && a.isActive === b.isActive && a.isSelected === b.isSelected && a.learner === b.learner && a.competency === b.competency && a.r === b.r && a.c === b.c,
);
