import { labelKey, type ImportReport, type ReferentialDocument } from '@cerise/common';

/** Pure helpers on exchange documents: what they hold, what is wrong with them, what changes. */

type DocumentCompetency = ReferentialDocument['referential']['poles'][number]['classes'][number]['situations'][number]['competencies'][number];

/** Every competency of a document, in order, with its situation code. */
export function documentCompetencies(doc: ReferentialDocument): Array<DocumentCompetency & { situationCode: string }> {
  return doc.referential.poles.flatMap((p) =>
    p.classes.flatMap((c) => c.situations.flatMap((s) => s.competencies.map((k) => ({ ...k, situationCode: s.code })))),
  );
}

export function countDocument(doc: ReferentialDocument): ImportReport['counts'] {
  const r = doc.referential;
  const classes = r.poles.flatMap((p) => p.classes);
  const situations = classes.flatMap((c) => c.situations);
  const competencies = situations.flatMap((s) => s.competencies);
  return {
    poles: r.poles.length,
    classes: classes.length,
    situations: situations.length,
    competencies: competencies.length,
    complexities: competencies.reduce((n, k) => n + k.complexities.length, 0),
    hazards: competencies.reduce((n, k) => n + k.hazards.length, 0),
    toComplete: competencies.filter((k) => k.toComplete).length,
    bepActivities: r.bepActivities.length,
    examUnits: r.poles.filter((p) => p.examUnit).length,
  };
}

export type DuplicateCode = { level: 'pôle' | 'classe' | 'situation' | 'compétence' | 'activité BEP' | 'épreuve'; code: string };
export type DuplicateItem = { competencyCode: string; list: 'complexities' | 'hazards'; label: string };

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of codes) {
    const k = c.toUpperCase();
    if (seen.has(k)) dup.add(c);
    seen.add(k);
  }
  return [...dup];
}

/** Codes appearing twice at one level (case-insensitive): a document must name things once. */
export function findDuplicateCodes(doc: ReferentialDocument): DuplicateCode[] {
  const r = doc.referential;
  const classes = r.poles.flatMap((p) => p.classes);
  const situations = classes.flatMap((c) => c.situations);
  const levels: Array<[DuplicateCode['level'], string[]]> = [
    ['pôle', r.poles.map((p) => p.code)],
    ['classe', classes.map((c) => c.code)],
    ['situation', situations.map((s) => s.code)],
    ['compétence', situations.flatMap((s) => s.competencies.map((k) => k.code))],
    ['activité BEP', r.bepActivities.map((a) => a.code)],
    ['épreuve', r.poles.flatMap((p) => (p.examUnit ? [p.examUnit.code] : []))],
  ];
  return levels.flatMap(([level, codes]) => duplicates(codes).map((code) => ({ level, code })));
}

/** The same complexity (or hazard) twice in one competency, compared by `labelKey`. */
export function findDuplicateItems(doc: ReferentialDocument): DuplicateItem[] {
  const out: DuplicateItem[] = [];
  for (const k of documentCompetencies(doc)) {
    for (const list of ['complexities', 'hazards'] as const) {
      const seen = new Set<string>();
      for (const label of k[list]) {
        const key = labelKey(label);
        if (seen.has(key)) out.push({ competencyCode: k.code, list, label });
        seen.add(key);
      }
    }
  }
  return out;
}

export type ExistingItem = { id: string; label: string; position: number };
export type ItemListPlan = {
  added: string[];
  removed: ExistingItem[];
  renamed: Array<{ id: string; from: string; to: string }>;
  reordered: boolean;
  /** The list after the change; `id` null for a new item. */
  final: Array<{ id: string | null; label: string; position: number }>;
  changed: boolean;
};

/**
 * How an existing ordered list becomes the wanted one. Items are matched by `labelKey`, so an
 * item that stays keeps its id (and whatever uses it), even when its spelling is corrected.
 */
export function planItemList(existing: readonly ExistingItem[], wanted: readonly string[]): ItemListPlan {
  const sorted = [...existing].sort((a, b) => a.position - b.position);
  const pool = new Map<string, ExistingItem[]>();
  for (const item of sorted) {
    const key = labelKey(item.label);
    pool.set(key, [...(pool.get(key) ?? []), item]);
  }
  const final: ItemListPlan['final'] = [];
  const added: string[] = [];
  const renamed: ItemListPlan['renamed'] = [];
  const kept: ExistingItem[] = [];
  wanted.forEach((label, i) => {
    const match = pool.get(labelKey(label))?.shift();
    if (match) {
      kept.push(match);
      if (match.label !== label) renamed.push({ id: match.id, from: match.label, to: label });
    } else {
      added.push(label);
    }
    final.push({ id: match?.id ?? null, label, position: i + 1 });
  });
  const keptIds = new Set(kept.map((k) => k.id));
  const removed = sorted.filter((item) => !keptIds.has(item.id));
  const keptInOldOrder = sorted.filter((item) => keptIds.has(item.id)).map((k) => k.id);
  const reordered = kept.some((k, i) => k.id !== keptInOldOrder[i]);
  return {
    added,
    removed,
    renamed,
    reordered,
    final,
    changed: added.length > 0 || removed.length > 0 || renamed.length > 0 || reordered,
  };
}

/** « 3 complexités » — French plural of a count. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n > 1 ? pluralForm : singular}`;
}
