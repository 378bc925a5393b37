import { EstablishmentSettingsSchema } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { masteryOf, piecesByCell, type ResultRow, type ReviewRow } from './dashboard.compute.ts';

/**
 * Same-day evidence is ordered by when it was recorded, whatever its id (docs/design.md §5: "by
 * date, then id" left same-day evidence in an arbitrary order).
 */
const settings = EstablishmentSettingsSchema.parse({}).mastery;
const result = (id: string, level: ResultRow['level'], recordedAt: string): ResultRow => ({
  id,
  learner_id: 'L',
  competency_id: 'C',
  level,
  evaluated_on: '2026-11-20',
  recorded_at: recordedAt,
  evaluation_competency_id: `ec-${id}`,
  evaluation_id: `e-${id}`,
  title: id,
  is_visible: 1,
});

describe('same-day evidence', () => {
  it('comes in the order it was recorded, not the order of its ids', () => {
    // "z…" sorts after "a…", but it was recorded first that day.
    const data = {
      results: [result('a-second', 'RT', '2026-11-20T10:00:00.000Z'), result('z-first', 'TE', '2026-11-20T08:00:00.000Z')],
      resultItems: [],
      situations: [{ id: 'S', learner_id: 'L', competency_id: 'C', title: 'Situation', occurred_on: '2026-11-20', bep_activity_id: null }],
      reviews: [{ id: '0-review', situation_id: 'S', level: 'RP', reviewed_on: '2026-11-20', created_at: '2026-11-20T09:00:00.000Z', learner_id: 'L', competency_id: 'C' } satisfies ReviewRow],
      situationItems: [],
    };
    const m = masteryOf(piecesByCell(data).get('L|C'), { ...settings, method: 'latest' });
    expect(m.evidence.map((e) => m.pieces.get(e.id)!.title)).toEqual(['z-first', 'Situation', 'a-second']);
    // « La dernière preuve »: the one recorded last that day.
    expect(m.percent).toBe(100);
  });

  it('is deterministic: the same rows in another order give the same result', () => {
    const rows = [result('b', 'RP', '2026-11-20T08:00:00.000Z'), result('a', 'ECA', '2026-11-20T08:00:00.000Z'), result('c', 'RT', '2026-11-20T07:00:00.000Z')];
    const one = masteryOf(piecesByCell({ results: rows, resultItems: [], situations: [], reviews: [], situationItems: [] }).get('L|C'), settings);
    const two = masteryOf(piecesByCell({ results: [...rows].reverse(), resultItems: [], situations: [], reviews: [], situationItems: [] }).get('L|C'), settings);
    expect(two.evidence.map((e) => e.id)).toEqual(one.evidence.map((e) => e.id));
    expect(two.percent).toBe(one.percent);
    // Same time: then the id decides (a before b).
    expect(one.evidence.map((e) => e.id.split('|')[1])).toEqual(['c', 'a', 'b']);
  });
});
