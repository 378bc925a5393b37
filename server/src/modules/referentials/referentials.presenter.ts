import crypto from 'node:crypto';
import {
  REFERENTIAL_DOCUMENT_FORMAT,
  REFERENTIAL_DOCUMENT_VERSION,
  type BepActivity,
  type Competency,
  type CompetencyItem,
  type ReferentialCounts,
  type ReferentialDocument,
  type ReferentialSummary,
  type ReferentialTree,
} from '@cerise/common';
import type { CompetenciesTable, CompetencyItemsTable, ReferentialsTable } from '../../db/tables/referentials.ts';
import type { TreeRows } from './referentials.repository.ts';
import type { ReferentialUsage } from './referentials.usage.ts';

/** Rows → DTOs. Ids, codes and 1-based positions are kept so that a tree UI can key on them. */

/**
 * Bump when the tree's JSON shape changes: ETags computed by an older server then no longer
 * match, and clients fetch the new shape.
 */
const TREE_SHAPE = 2;

/**
 * Strong ETag of a referential's tree. Every write to a referential bumps its version in the
 * same transaction; the other modules' uses (`inUse`) change without it, so their digest is part
 * of the tag: (id, version, shape, usage) determines the bytes of the representation.
 */
export function treeEtag(referentialId: string, version: number, usage = ''): string {
  const digest = crypto.createHash('sha256').update(`${referentialId}:${version}:${TREE_SHAPE}:${usage}`).digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

export function parseStringArray(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

const presentItem =
  (uses?: ReferentialUsage['complexities']) =>
  (r: CompetencyItemsTable): CompetencyItem => ({ id: r.id, label: r.label, position: r.position, ...(uses ? { inUse: uses.get(r.id)?.total ?? 0 } : {}) });
const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

export function presentCompetency(
  row: CompetenciesTable,
  complexities: readonly CompetencyItemsTable[],
  hazards: readonly CompetencyItemsTable[],
  usage?: Pick<ReferentialUsage, 'complexities' | 'hazards'> & Partial<Pick<ReferentialUsage, 'competencies'>>,
): Competency {
  return {
    id: row.id,
    code: row.code,
    label: row.label,
    criterion: row.criterion_label ? { code: row.criterion_code, label: row.criterion_label } : null,
    toComplete: row.to_complete === 1,
    version: row.version,
    position: row.position,
    complexities: [...complexities].sort(byPosition).map(presentItem(usage?.complexities)),
    hazards: [...hazards].sort(byPosition).map(presentItem(usage?.hazards)),
    ...(usage?.competencies ? { inUse: usage.competencies.get(row.id)?.total ?? 0 } : {}),
  };
}

export function presentSummary(r: ReferentialsTable, counts: ReferentialCounts): ReferentialSummary {
  return { id: r.id, code: r.code, title: r.title, source: r.source, version: r.version, updatedAt: r.updated_at, counts };
}

export function presentTree(rows: TreeRows, usage?: ReferentialUsage): ReferentialTree {
  const classesByPole = groupBy(rows.classes, (c) => c.pole_id);
  const situationsByClass = groupBy(rows.situations, (s) => s.class_id);
  const competenciesBySituation = groupBy(rows.competencies, (k) => k.situation_id);
  const complexitiesByCompetency = groupBy(rows.complexities, (i) => i.competency_id);
  const hazardsByCompetency = groupBy(rows.hazards, (i) => i.competency_id);
  const examUnitByPole = new Map(rows.examUnits.filter((e) => e.pole_id).map((e) => [e.pole_id!, e]));
  const poleCodes = new Map(rows.poles.map((p) => [p.id, p.code]));
  const r = rows.referential;

  const bepActivities: BepActivity[] = rows.bepActivities.map((a) => ({
    id: a.id,
    code: a.code,
    domain: a.domain,
    label: a.label,
    autonomy: a.autonomy,
    details: parseStringArray(a.details),
    suggestedSituationCodes: parseStringArray(a.suggested_situation_codes),
    position: a.position,
    ...(usage ? { inUse: usage.bepActivities.get(a.id)?.total ?? 0 } : {}),
  }));

  return {
    ...presentSummary(r, {
      poles: rows.poles.length,
      classes: rows.classes.length,
      situations: rows.situations.length,
      competencies: rows.competencies.length,
      toComplete: rows.competencies.filter((k) => k.to_complete === 1).length,
      bepActivities: rows.bepActivities.length,
    }),
    bep: r.bep_title ? { title: r.bep_title, rule: r.bep_rule } : null,
    poles: rows.poles.map((p) => ({
      id: p.id,
      code: p.code,
      title: p.title,
      generalAptitude: p.general_aptitude,
      position: p.position,
      examUnitId: examUnitByPole.get(p.id)?.id ?? null,
      classes: (classesByPole.get(p.id) ?? []).map((c) => ({
        id: c.id,
        code: c.code,
        title: c.title,
        transversalCriterion: c.transversal_criterion,
        position: c.position,
        situations: (situationsByClass.get(c.id) ?? []).map((s) => ({
          id: s.id,
          code: s.code,
          title: s.title,
          position: s.position,
          competencies: (competenciesBySituation.get(s.id) ?? []).map((k) =>
            presentCompetency(k, complexitiesByCompetency.get(k.id) ?? [], hazardsByCompetency.get(k.id) ?? [], usage),
          ),
        })),
      })),
    })),
    examUnits: rows.examUnits.map((e) => ({
      id: e.id,
      code: e.code,
      unitCode: e.unit_code,
      poleId: e.pole_id,
      poleCode: e.pole_id ? (poleCodes.get(e.pole_id) ?? null) : null,
      coefficient: e.coefficient,
      ccf: e.ccf,
      finalExam: e.final_exam,
      position: e.position,
    })),
    bepActivities,
  };
}

/** The exchange document of a referential (the import's format; ids are not exchanged). */
export function documentFromTree(tree: ReferentialTree, exportedAt: string): ReferentialDocument {
  const examUnits = new Map(tree.examUnits.map((e) => [e.id, e]));
  return {
    format: REFERENTIAL_DOCUMENT_FORMAT,
    formatVersion: REFERENTIAL_DOCUMENT_VERSION,
    exportedAt,
    referential: {
      code: tree.code,
      title: tree.title,
      source: tree.source,
      bep: tree.bep,
      poles: tree.poles.map((p) => {
        const e = p.examUnitId ? examUnits.get(p.examUnitId) : undefined;
        return {
          code: p.code,
          title: p.title,
          generalAptitude: p.generalAptitude,
          examUnit: e
            ? { code: e.code, unitCode: e.unitCode, coefficient: e.coefficient, ccf: e.ccf, finalExam: e.finalExam }
            : null,
          classes: p.classes.map((c) => ({
            code: c.code,
            title: c.title,
            transversalCriterion: c.transversalCriterion,
            situations: c.situations.map((s) => ({
              code: s.code,
              title: s.title,
              competencies: s.competencies.map((k) => ({
                code: k.code,
                label: k.label,
                criterion: k.criterion,
                toComplete: k.toComplete,
                complexities: k.complexities.map((i) => i.label),
                hazards: k.hazards.map((i) => i.label),
              })),
            })),
          })),
        };
      }),
      bepActivities: tree.bepActivities.map((a) => ({
        code: a.code,
        domain: a.domain,
        label: a.label,
        autonomy: a.autonomy,
        details: a.details,
        suggestedSituationCodes: a.suggestedSituationCodes,
      })),
    },
  };
}
