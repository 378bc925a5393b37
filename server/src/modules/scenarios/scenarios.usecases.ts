import {
  isWebLink,
  type ScenarioFieldsSchema,
  type DuplicateScenarioRequest,
  type Scenario,
  type ScenarioListQuerySchema,
  type ScenarioListResponse,
  type ScenarioLearnersResponse,
} from '@cerise/common';
import type { z } from 'zod';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { DbOrTx } from '../../db/schema.ts';
import type { ChosenItemsTable, ScenarioCompetenciesTable, ScenariosTable } from '../../db/tables/teaching.ts';
import { AppError, badRequest, conflict } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { collectUnusedFiles } from '../files/files.usecases.ts';
import { assertItemsOfCompetency, findCompetenciesByIds } from '../referentials/referentials.lookup.ts';
import { canChangeScenario, canReadScenario, type Decision } from './scenarios.policy.ts';
import { presentAttachments, presentCompetencies, presentListItem, presentPerson, presentScenario } from './scenarios.presenter.ts';
import * as repo from './scenarios.repository.ts';

type Fields = z.output<typeof ScenarioFieldsSchema>;
type ListQuery = z.output<typeof ScenarioListQuerySchema>;

const actorOf = (ctx: RequestContext) => ({ id: ctx.actor.id, establishmentId: ctx.establishmentId, profiles: ctx.actor.profiles });

function enforce(decision: Decision): void {
  if (decision.allowed) return;
  throw decision.status === 403 ? new AppError(403, 'scenarios.not_author') : new AppError(404, 'scenarios.not_found');
}

/** The scenario if the actor may read it; 404 otherwise (someone else's private one included). */
export async function readableScenario(db: DbOrTx, ctx: RequestContext, id: string): Promise<ScenariosTable> {
  const row = await repo.findScenario(db, ctx.establishmentId, id);
  if (!row) throw new AppError(404, 'scenarios.not_found');
  enforce(canReadScenario(actorOf(ctx), row));
  return row;
}

/** The scenario if the actor is its author; 404 if they may not even read it, 403 otherwise. */
export async function ownScenario(db: DbOrTx, ctx: RequestContext, id: string): Promise<ScenariosTable> {
  const row = await repo.findScenario(db, ctx.establishmentId, id);
  if (!row) throw new AppError(404, 'scenarios.not_found');
  enforce(canChangeScenario(actorOf(ctx), row));
  return row;
}

/** The whole scenario as the consult page, the form, the DOCX and the evaluation editor read it. */
export async function loadScenario(db: DbOrTx, ctx: RequestContext, row: ScenariosTable): Promise<Scenario> {
  const [competencies, items, attachments, people] = await Promise.all([
    repo.listScenarioCompetencies(db, ctx.establishmentId, row.id),
    repo.listScenarioItems(db, ctx.establishmentId, row.id),
    repo.listAttachments(db, ctx.establishmentId, row.id),
    repo.findPeople(db, ctx.establishmentId, [row.author_id]),
  ]);
  return presentScenario(row, ctx.actor.id, people[0], presentCompetencies(competencies, items), presentAttachments(attachments));
}

export async function getScenario(deps: Deps, ctx: RequestContext, id: string): Promise<Scenario> {
  return loadScenario(deps.db, ctx, await readableScenario(deps.db, ctx, id));
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Competencies whose code is the text, or whose wording holds every word of it (accents ignored). */
async function competenciesMatching(db: DbOrTx, establishmentId: string, text: string): Promise<string[]> {
  const all = await repo.listEstablishmentCompetencies(db, establishmentId);
  const words = fold(text).split(/\s+/).filter(Boolean);
  const code = fold(text).replace(/\s+/g, '');
  return all.filter((c) => fold(c.code) === code || fold(c.code).startsWith(code) || words.every((w) => fold(`${c.code} ${c.label}`).includes(w))).map((c) => c.id);
}

/** « Gestion des scénarios »: mine and the public ones of my colleagues, filtered and paged in SQL. */
export async function listScenarios(deps: Deps, ctx: RequestContext, query: ListQuery): Promise<ScenarioListResponse> {
  const establishmentId = ctx.establishmentId;
  const filter: repo.ScenarioFilter = {
    establishmentId,
    viewerId: ctx.actor.id,
    authorId: query.author,
    level: query.level,
    words: query.search.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8),
    competencyIds: query.competency ? await competenciesMatching(deps.db, establishmentId, query.competency) : null,
  };
  const { total, rows } = await repo.listVisibleScenarios(deps.db, filter, query.page, query.pageSize);
  const authorIds = await repo.listVisibleAuthorIds(deps.db, establishmentId, ctx.actor.id);
  const [people, codes] = await Promise.all([
    repo.findPeople(deps.db, establishmentId, [...authorIds, ...rows.map((r) => r.author_id)]),
    repo.listCodesOf(deps.db, establishmentId, rows.map((r) => r.id)),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return {
    items: rows.map((r) => presentListItem(r, ctx.actor.id, byId.get(r.author_id), codes.filter((c) => c.scenario_id === r.id).map((c) => c.code))),
    total,
    page: query.page,
    pageSize: query.pageSize,
    authors: authorIds
      .map((id) => presentPerson(byId.get(id)))
      .sort((a, b) => collator.compare(`${a.lastName} ${a.firstName}`, `${b.lastName} ${b.firstName}`)),
  };
}

/** Checks links and competencies; answers the rows to write for the competencies and their items. */
async function checkedContent(db: DbOrTx, establishmentId: string, scenarioId: string, fields: Fields) {
  const links = fields.links.map((l) => l.trim());
  const bad = links.find((l) => !isWebLink(l));
  if (bad !== undefined) {
    throw badRequest('scenarios.invalid_link', `Le lien « ${bad.slice(0, 100)} » n'est pas une adresse web valide : il doit commencer par http:// ou https://.`);
  }
  const ids = fields.competencies.map((c) => c.competencyId);
  if (new Set(ids).size !== ids.length) throw badRequest('scenarios.duplicate_competency');
  const known = await findCompetenciesByIds(db, establishmentId, ids);
  if (known.size !== ids.length) throw badRequest('scenarios.unknown_competency');
  const competencies: ScenarioCompetenciesTable[] = [];
  const items: ChosenItemsTable[] = [];
  for (const [position, c] of fields.competencies.entries()) {
    const complexityIds = [...new Set(c.complexityIds)];
    const hazardIds = [...new Set(c.hazardIds)];
    await assertItemsOfCompetency(db, establishmentId, c.competencyId, { complexityIds, hazardIds });
    const id = newId();
    competencies.push({ id, establishment_id: establishmentId, scenario_id: scenarioId, competency_id: c.competencyId, position: position + 1 });
    for (const complexity_id of complexityIds) items.push({ id: newId(), establishment_id: establishmentId, owner_id: id, complexity_id, hazard_id: null });
    for (const hazard_id of hazardIds) items.push({ id: newId(), establishment_id: establishmentId, owner_id: id, complexity_id: null, hazard_id });
  }
  return { links: JSON.stringify(links), competencies, items };
}

const columns = (f: Fields, links: string) => ({
  title: f.title,
  is_private: (f.isPrivate ? 1 : 0) as 0 | 1,
  level: f.level,
  context: f.context,
  materials: f.materials,
  links,
  resources: f.resources,
});

/** « Validez la création du scénario ». */
export async function createScenario(deps: Deps, ctx: RequestContext, fields: Fields): Promise<Scenario> {
  const at = nowIso(ctx.at);
  const id = newId();
  return inTransaction(deps.db, async (tx) => {
    const content = await checkedContent(tx, ctx.establishmentId, id, fields);
    const row: ScenariosTable = { id, establishment_id: ctx.establishmentId, author_id: ctx.actor.id, ...columns(fields, content.links), created_at: at, updated_at: at, version: 1 };
    await repo.insertScenario(tx, row);
    await repo.replaceCompetencies(tx, ctx.establishmentId, id, content.competencies, content.items);
    return loadScenario(tx, ctx, row);
  });
}

/** « Validez les modifications »: author only; a stale version gets 409, never a silent overwrite. */
export async function updateScenario(deps: Deps, ctx: RequestContext, id: string, fields: Fields & { version: number }): Promise<Scenario> {
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const row = await ownScenario(tx, ctx, id);
    const versionConflict = (current: number) => conflict('scenarios.version_conflict', undefined, { currentVersion: current, sentVersion: fields.version });
    if (row.version !== fields.version) throw versionConflict(row.version);
    const content = await checkedContent(tx, ctx.establishmentId, id, fields);
    const written = { ...columns(fields, content.links), updated_at: at };
    if (!(await repo.updateScenarioIfVersion(tx, ctx.establishmentId, id, fields.version, written))) {
      throw versionConflict((await repo.findScenario(tx, ctx.establishmentId, id))?.version ?? fields.version + 1);
    }
    await repo.replaceCompetencies(tx, ctx.establishmentId, id, content.competencies, content.items);
    return loadScenario(tx, ctx, { ...row, ...written, version: fields.version + 1 });
  });
}

/**
 * « Supprimer » (author only, confirmed in the page): evaluations made from it keep their own
 * copy of the competencies (their scenario_id becomes NULL); files nothing points to any more go.
 */
export async function deleteScenario(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  const collected = await inTransaction(deps.db, async (tx) => {
    await ownScenario(tx, ctx, id);
    const fileIds = (await repo.listAttachments(tx, ctx.establishmentId, id)).map((a) => a.file_id);
    await repo.deleteScenario(tx, ctx.establishmentId, id);
    return collectUnusedFiles(tx, ctx.establishmentId, fileIds);
  });
  await collected.removeBytes(deps);
}

/** « Dupliquer »: my own private copy of any scenario I can read; attachments shared, not copied. */
export async function duplicateScenario(deps: Deps, ctx: RequestContext, id: string, request: Required<DuplicateScenarioRequest>): Promise<Scenario> {
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const sourceRow = await readableScenario(tx, ctx, id);
    const source = await loadScenario(tx, ctx, sourceRow);
    const copyId = newId();
    const row: ScenariosTable = {
      ...sourceRow,
      id: copyId,
      author_id: ctx.actor.id,
      title: request.title.trim(),
      level: request.level ?? null,
      is_private: 1,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertScenario(tx, row);
    const competencies = source.competencies.map((c) => ({ competencyId: c.competencyId, complexityIds: c.complexityIds, hazardIds: c.hazardIds }));
    const content = await checkedContent(tx, ctx.establishmentId, copyId, { ...columnsBack(row), competencies });
    await repo.replaceCompetencies(tx, ctx.establishmentId, copyId, content.competencies, content.items);
    const attachments = await repo.listAttachments(tx, ctx.establishmentId, id);
    await repo.insertAttachments(
      tx,
      attachments.map((a) => ({ id: newId(), establishment_id: ctx.establishmentId, scenario_id: copyId, file_id: a.file_id, filename: a.filename, created_at: at })),
    );
    return loadScenario(tx, ctx, row);
  });
}

function columnsBack(row: ScenariosTable): Omit<Fields, 'competencies'> {
  return {
    title: row.title,
    isPrivate: row.is_private === 1,
    level: row.level,
    context: row.context,
    materials: row.materials,
    links: JSON.parse(row.links) as string[],
    resources: row.resources,
  };
}

/** « Évaluer »: the classes and groups I teach this school year, each with its learners (by name). */
export async function learnersToEvaluate(deps: Deps, ctx: RequestContext, id: string): Promise<ScenarioLearnersResponse> {
  await readableScenario(deps.db, ctx, id);
  const schoolYear = await activeSchoolYear(deps.db, ctx.establishmentId, ctx.at);
  const { teachings, members } = await repo.listTaughtGroups(deps.db, ctx.establishmentId, schoolYear, ctx.actor.id);
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const groups = new Map<string, ScenarioLearnersResponse['groups'][number]>();
  for (const t of teachings) {
    if (t.division_id && !groups.has(t.division_id)) groups.set(t.division_id, { id: t.division_id, kind: 'division', code: t.d_code ?? '', label: t.d_label, learners: [] });
    if (t.group_id && !groups.has(t.group_id)) groups.set(t.group_id, { id: t.group_id, kind: 'group', code: t.g_code ?? '', label: t.g_label, learners: [] });
  }
  for (const m of members) {
    for (const key of [m.division_id, m.group_id]) {
      const g = key ? groups.get(key) : undefined;
      if (g && !g.learners.some((l) => l.id === m.id)) g.learners.push(presentPerson(m));
    }
  }
  const list = [...groups.values()];
  for (const g of list) g.learners.sort((a, b) => collator.compare(`${a.lastName} ${a.firstName}`, `${b.lastName} ${b.firstName}`));
  list.sort((a, b) => (a.kind === b.kind ? collator.compare(a.code, b.code) : a.kind === 'division' ? -1 : 1));
  return { schoolYear, groups: list };
}
