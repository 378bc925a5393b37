import type { Competency, CompetencyItemList } from '@cerise/common';

/** One chosen competency and, among its complexities and hazards, those that apply. */
export type CompetencySelection = {
  competencyId: string;
  complexityIds: string[];
  hazardIds: string[];
};

export const SELECTION_FIELD: Record<CompetencyItemList, 'complexityIds' | 'hazardIds'> = {
  complexities: 'complexityIds',
  hazards: 'hazardIds',
};

/** Adds a competency (at the end), or, when `multiple` is false, makes it the only one. */
export function selectCompetency(value: readonly CompetencySelection[], competencyId: string, multiple: boolean): CompetencySelection[] {
  if (value.some((s) => s.competencyId === competencyId)) return [...value];
  const added: CompetencySelection = { competencyId, complexityIds: [], hazardIds: [] };
  return multiple ? [...value, added] : [added];
}

export function unselectCompetency(value: readonly CompetencySelection[], competencyId: string): CompetencySelection[] {
  return value.filter((s) => s.competencyId !== competencyId);
}

/** Ticks or unticks a complexity or hazard; ids stay in the referential's order. */
export function toggleItem(
  value: readonly CompetencySelection[],
  competency: Competency,
  list: CompetencyItemList,
  itemId: string,
  checked: boolean,
): CompetencySelection[] {
  const field = SELECTION_FIELD[list];
  return value.map((s) => {
    if (s.competencyId !== competency.id) return s;
    const chosen = new Set(s[field]);
    if (checked) chosen.add(itemId);
    else chosen.delete(itemId);
    const ordered = competency[list].map((i) => i.id).filter((id) => chosen.has(id));
    // Ids the referential no longer holds are kept (the owner decides what to do with them).
    const unknown = s[field].filter((id) => chosen.has(id) && !ordered.includes(id));
    return { ...s, [field]: [...ordered, ...unknown] };
  });
}

/** Moves the selection at `from` to index `to` (both clamped). */
export function moveSelection(value: readonly CompetencySelection[], from: number, to: number): CompetencySelection[] {
  const next = [...value];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved!);
  return next;
}
