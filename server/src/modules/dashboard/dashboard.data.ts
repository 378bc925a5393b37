import { parseSettings, type EstablishmentSettings } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';
import type { EvidenceData, Structure } from './dashboard.compute.ts';
import * as repo from './dashboard.repository.ts';

/*
 * Loading what the dashboard computes from: the referential's structure (cached per referential
 * version: it changes rarely and every screen needs it) and the evidence of a set of learners,
 * one query per kind of row.
 */

const structureCache = new Map<string, { version: number; structure: Structure }>();
const CACHE_SIZE = 64;

export async function loadStructure(db: DbOrTx, establishmentId: string): Promise<Structure> {
  const referential = await repo.findMainReferential(db, establishmentId);
  if (!referential) return { referential: null, competencies: [], units: [], bepActivities: [] };
  const key = `${establishmentId}|${referential.id}`;
  const cached = structureCache.get(key);
  if (cached && cached.version === referential.version) return cached.structure;
  const [competencies, units, bepActivities] = await Promise.all([
    repo.listPlacedCompetencies(db, establishmentId, referential.id),
    repo.listExamUnits(db, establishmentId, referential.id),
    repo.listBepActivities(db, establishmentId, referential.id),
  ]);
  const structure: Structure = { referential, competencies, units, bepActivities };
  if (structureCache.size >= CACHE_SIZE) structureCache.delete(structureCache.keys().next().value!);
  structureCache.set(key, { version: referential.version, structure });
  return structure;
}

export async function loadSettings(db: DbOrTx, establishmentId: string): Promise<EstablishmentSettings> {
  return parseSettings((await repo.findSettingsJson(db, establishmentId))?.settings);
}

/** `detailed`: with the evaluations' titles (a learner's evidence list); a class view does without. */
export async function loadEvidence(db: DbOrTx, establishmentId: string, learnerIds: readonly string[], detailed = true): Promise<EvidenceData> {
  if (learnerIds.length === 0) return { results: [], resultItems: [], situations: [], reviews: [], situationItems: [] };
  const [results, resultItems, situations, reviews, situationItems] = await Promise.all([
    detailed ? repo.listResults(db, establishmentId, learnerIds) : repo.listResultCells(db, establishmentId, learnerIds),
    repo.listResultItems(db, establishmentId, learnerIds),
    repo.listSituations(db, establishmentId, learnerIds),
    repo.listReviews(db, establishmentId, learnerIds),
    repo.listSituationItems(db, establishmentId, learnerIds),
  ]);
  return { results, resultItems, situations, reviews, situationItems };
}
