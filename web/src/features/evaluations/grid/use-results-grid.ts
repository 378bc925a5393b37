import type { Evaluation, SaveResultsResponse } from '@cerise/common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isApiError } from '../../../app/api.ts';
import { applyEdits, editsFor, emptyHistory, keyOf, pushHistory, redoStep, undoStep, type Edit, type History, type Level } from './grid-model.ts';

/**
 * The grid's live state and its saving: every change shows at once, goes into a list
 * of unsaved cells kept in localStorage, and is sent as a batch shortly after (or at once with
 * « Enregistrer »). The server merges per cell; a cell someone else changed comes back as a
 * conflict for the user to settle. Nothing unsaved is dropped: a failed send is retried, and a
 * reload resends what the browser still holds.
 */

type Pending = { level: Level | null; base: number | null };
type ServerCell = { level: Level; version: number };
export type CellConflict = { key: string; learnerId: string; columnId: string; yours: Level | null; theirs: Level | null; theirVersion: number | null; recordedBy: SaveResultsResponse['conflicts'][number]['recordedBy'] };
export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'retrying'; count: number }
  | { kind: 'error'; message: string };

const SAVE_DELAY_MS = 500;
const RETRY_MS = 4000;
const storageKey = (userId: string, evaluationId: string) => `cerise:evaluations:${userId}:${evaluationId}:pending`;

function loadPending(key: string): Map<string, Pending> {
  try {
    const raw = localStorage.getItem(key);
    return raw ? new Map(Object.entries(JSON.parse(raw) as Record<string, Pending>)) : new Map();
  } catch {
    return new Map();
  }
}

export function useResultsGrid(evaluation: Evaluation, userId: string) {
  const store = storageKey(userId, evaluation.id);
  const server = useRef(new Map<string, ServerCell>());
  const pending = useRef(new Map<string, Pending>());
  const valuesRef = useRef(new Map<string, Level>());
  const historyRef = useRef<History>(emptyHistory);
  const [values, setValues] = useState<ReadonlyMap<string, Level>>(() => new Map());
  const [history, setHistory] = useState<History>(emptyHistory);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [conflicts, setConflicts] = useState<CellConflict[]>([]);
  const [discarded, setDiscarded] = useState(0);
  const [unsaved, setUnsaved] = useState(0);
  const inflight = useRef<Promise<void> | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const persist = useCallback(() => {
    setUnsaved(pending.current.size);
    try {
      if (pending.current.size === 0) localStorage.removeItem(store);
      else localStorage.setItem(store, JSON.stringify(Object.fromEntries(pending.current)));
    } catch {
      // A full or blocked storage: the changes are still held in memory and sent.
    }
  }, [store]);

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    if (inflight.current) {
      await inflight.current;
      if (pending.current.size > 0) return flush();
      return;
    }
    if (pending.current.size === 0) return;
    const sent = new Map(pending.current);
    const cells = [...sent].map(([key, p]) => {
      const [learnerId, evaluationCompetencyId] = key.split('/') as [string, string];
      return { learnerId, evaluationCompetencyId, level: p.level, baseVersion: p.base };
    });
    setStatus({ kind: 'saving' });
    const run = (async () => {
      try {
        const res = await api.put<SaveResultsResponse>(`/api/v1/evaluations/${evaluation.id}/results`, { cells });
        settle(res, sent);
        setStatus({ kind: 'saved', at: res.savedAt });
      } catch (error) {
        if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
          setStatus({ kind: 'error', message: error.message });
        } else {
          setStatus({ kind: 'retrying', count: pending.current.size });
          timer.current = window.setTimeout(() => void flush(), RETRY_MS);
        }
      } finally {
        inflight.current = null;
      }
    })();
    inflight.current = run;
    await run;
    if (pending.current.size > 0 && timer.current === undefined) schedule();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evaluation.id]);

  function settle(res: SaveResultsResponse, sent: Map<string, Pending>) {
    for (const s of res.saved) {
      const key = keyOf(s.learnerId, s.evaluationCompetencyId);
      if (s.level === null || s.version === null) server.current.delete(key);
      else server.current.set(key, { level: s.level, version: s.version });
      const now = pending.current.get(key);
      if (now === sent.get(key)) pending.current.delete(key);
      else if (now) now.base = s.version;
    }
    const found: CellConflict[] = [];
    for (const c of res.conflicts) {
      const key = keyOf(c.learnerId, c.evaluationCompetencyId);
      if (c.theirs === null || c.theirVersion === null) server.current.delete(key);
      else server.current.set(key, { level: c.theirs, version: c.theirVersion });
      pending.current.delete(key);
      found.push({ key, learnerId: c.learnerId, columnId: c.evaluationCompetencyId, yours: c.yours, theirs: c.theirs, theirVersion: c.theirVersion, recordedBy: c.recordedBy });
    }
    for (const d of res.discarded) pending.current.delete(keyOf(d.learnerId, d.evaluationCompetencyId));
    if (found.length > 0) {
      // Their value shows until the user chooses.
      const next = new Map(valuesRef.current);
      for (const c of found) {
        if (c.theirs === null) next.delete(c.key);
        else next.set(c.key, c.theirs);
      }
      valuesRef.current = next;
      setValues(next);
      setConflicts((old) => [...old.filter((o) => !found.some((f) => f.key === o.key)), ...found]);
    }
    if (res.discarded.length > 0) setDiscarded((n) => n + res.discarded.length);
    persist();
  }

  const schedule = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      void flush();
    }, SAVE_DELAY_MS);
  }, [flush]);

  // Load: the server's cells, then what this browser had not sent yet.
  useEffect(() => {
    server.current = new Map(evaluation.results.map((r) => [keyOf(r.learnerId, r.evaluationCompetencyId), { level: r.level, version: r.version }]));
    pending.current = loadPending(store);
    const v = new Map([...server.current].map(([k, c]) => [k, c.level]));
    for (const [k, p] of pending.current) {
      if (p.level === null) v.delete(k);
      else v.set(k, p.level);
    }
    valuesRef.current = v;
    setValues(v);
    setUnsaved(pending.current.size);
    if (pending.current.size > 0) schedule();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
    // Only when another evaluation is opened: a refetch of this one must not drop local edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evaluation.id, store]);

  const record = useCallback(
    (edits: Edit[], direction: 'forward' | 'back') => {
      if (edits.length === 0) return;
      const next = applyEdits(valuesRef.current, edits, direction);
      for (const e of edits) {
        const level = direction === 'forward' ? e.after : e.before;
        const p = pending.current.get(e.key);
        if (p) pending.current.set(e.key, { level, base: p.base });
        else pending.current.set(e.key, { level, base: server.current.get(e.key)?.version ?? null });
      }
      valuesRef.current = next;
      setValues(next);
      persist();
      schedule();
    },
    [persist, schedule],
  );

  const set = useCallback(
    (keys: readonly string[], level: Level | null | ((key: string, index: number) => Level | null)) => {
      const edits = editsFor(valuesRef.current, keys, level);
      if (edits.length === 0) return;
      historyRef.current = pushHistory(historyRef.current, edits);
      setHistory(historyRef.current);
      record(edits, 'forward');
    },
    [record],
  );

  const step = useCallback(
    (which: 'undo' | 'redo') => {
      const s = which === 'undo' ? undoStep(historyRef.current) : redoStep(historyRef.current);
      if (!s) return false;
      historyRef.current = s.history;
      setHistory(s.history);
      record(s.edits, which === 'undo' ? 'back' : 'forward');
      return true;
    },
    [record],
  );

  /** Settles a conflict: keep mine (resent over their version) or keep theirs. */
  const resolve = useCallback(
    (key: string, choice: 'mine' | 'theirs') => {
      const c = conflicts.find((x) => x.key === key);
      setConflicts((old) => old.filter((x) => x.key !== key));
      if (!c || choice === 'theirs') return;
      set([key], c.yours);
    },
    [conflicts, set],
  );

  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);
  const currentValues = useCallback(() => valuesRef.current, []);
  return { values, currentValues, history, status, conflicts, discarded, unsaved, set, undo, redo, flush, resolve };
}
