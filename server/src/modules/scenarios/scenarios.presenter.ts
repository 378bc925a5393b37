import type { Scenario, ScenarioAttachment, ScenarioCompetency, ScenarioListItem } from '@cerise/common';
import type { ScenariosTable } from '../../db/tables/teaching.ts';
import type * as repo from './scenarios.repository.ts';

type Person = { id: string; login: string; last_name: string; first_name: string };
type CompetencyRows = Awaited<ReturnType<typeof repo.listScenarioCompetencies>>;
type ItemRows = Awaited<ReturnType<typeof repo.listScenarioItems>>;
type AttachmentRows = Awaited<ReturnType<typeof repo.listAttachments>>;

export const presentPerson = (p: Person | undefined) =>
  p ? { id: p.id, login: p.login, lastName: p.last_name, firstName: p.first_name } : { id: '', login: '', lastName: '', firstName: '' };

export function parseLinks(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function presentCompetencies(competencies: CompetencyRows, items: ItemRows): ScenarioCompetency[] {
  return competencies.map((c) => {
    const mine = items.filter((i) => i.owner_id === c.id);
    const complexities = mine
      .filter((i) => i.complexity_id)
      .sort((a, b) => (a.cx_position ?? 0) - (b.cx_position ?? 0))
      .map((i) => ({ id: i.complexity_id!, label: i.complexity_label ?? '' }));
    const hazards = mine
      .filter((i) => i.hazard_id)
      .sort((a, b) => (a.hz_position ?? 0) - (b.hz_position ?? 0))
      .map((i) => ({ id: i.hazard_id!, label: i.hazard_label ?? '' }));
    return {
      competencyId: c.competency_id,
      code: c.code,
      label: c.label,
      complexityIds: complexities.map((x) => x.id),
      hazardIds: hazards.map((x) => x.id),
      complexities,
      hazards,
    };
  });
}

export const presentAttachments = (rows: AttachmentRows): ScenarioAttachment[] =>
  rows.map((a) => ({ id: a.id, filename: a.filename, size: a.size, mediaType: a.media_type, createdAt: a.created_at }));

export function presentScenario(
  row: ScenariosTable,
  viewerId: string,
  author: Person | undefined,
  competencies: ScenarioCompetency[],
  attachments: ScenarioAttachment[],
): Scenario {
  return {
    id: row.id,
    title: row.title,
    isPrivate: row.is_private === 1,
    level: row.level,
    context: row.context,
    materials: row.materials,
    links: parseLinks(row.links),
    resources: row.resources,
    author: presentPerson(author),
    isMine: row.author_id === viewerId,
    competencies,
    attachments,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presentListItem(
  row: Pick<ScenariosTable, 'id' | 'title' | 'is_private' | 'level' | 'author_id' | 'updated_at'>,
  viewerId: string,
  author: Person | undefined,
  codes: string[],
): ScenarioListItem {
  return {
    id: row.id,
    title: row.title,
    isPrivate: row.is_private === 1,
    level: row.level,
    author: presentPerson(author),
    isMine: row.author_id === viewerId,
    competencyCodes: codes,
    updatedAt: row.updated_at,
  };
}
