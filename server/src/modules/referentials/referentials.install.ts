import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ReferentialDocumentSchema, type ReferentialDocument } from '@cerise/common/referentials.schemas';
import type { DbOrTx } from '../../db/schema.ts';
import type { CompetencyItemsTable } from '../../db/tables/referentials.ts';
import { newId } from '../../util/ids.ts';
import * as repo from './referentials.repository.ts';
import { documentFromSource } from './referentials.source-format.ts';

/** The repository's copy of the official data (see server/data/referentiels/README.md). */
export const DEFAULT_REFERENTIAL_FILE = fileURLToPath(new URL('../../../data/referentiels/bacpro-ga.json', import.meta.url));

let defaultDocument: Promise<ReferentialDocument> | undefined;

/** Reads and converts the data file once per process. */
export function loadDefaultReferentialDocument(file = DEFAULT_REFERENTIAL_FILE): Promise<ReferentialDocument> {
  if (file !== DEFAULT_REFERENTIAL_FILE) return readDocument(file);
  defaultDocument ??= readDocument(file).catch((error: unknown) => {
    defaultDocument = undefined;
    throw error;
  });
  return defaultDocument;
}

async function readDocument(file: string): Promise<ReferentialDocument> {
  const json: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  const converted = documentFromSource(json, 'ga');
  if (!converted.ok) {
    const first = converted.issues[0];
    throw new Error(`Données du référentiel invalides (${file}) : ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`);
  }
  return ReferentialDocumentSchema.parse(converted.document);
}

/**
 * Writes a (validated) document as a new referential of the establishment, in a few batched
 * statements. Returns the new referential's id.
 */
export async function insertReferentialDocument(
  db: DbOrTx,
  establishmentId: string,
  doc: ReferentialDocument,
  at: string,
  position?: number,
): Promise<string> {
  const r = doc.referential;
  const referentialId = newId();
  const rows: repo.NewTreeRows = {
    referential: {
      id: referentialId,
      establishment_id: establishmentId,
      code: r.code,
      title: r.title,
      source: r.source ?? null,
      bep_title: r.bep?.title ?? null,
      bep_rule: r.bep?.rule ?? null,
      position: position ?? (await repo.nextReferentialPosition(db, establishmentId)),
      version: 1,
      created_at: at,
      updated_at: at,
    },
    poles: [],
    classes: [],
    situations: [],
    competencies: [],
    complexities: [],
    hazards: [],
    bepActivities: [],
    examUnits: [],
  };
  const base = { establishment_id: establishmentId, referential_id: referentialId };
  const items = (competencyId: string, labels: string[]): CompetencyItemsTable[] =>
    labels.map((label, i) => ({ id: newId(), establishment_id: establishmentId, competency_id: competencyId, position: i + 1, label }));

  r.poles.forEach((p, pi) => {
    const poleId = newId();
    rows.poles.push({ ...base, id: poleId, code: p.code, title: p.title, general_aptitude: p.generalAptitude ?? null, position: pi + 1 });
    if (p.examUnit) {
      const e = p.examUnit;
      rows.examUnits.push({
        ...base,
        id: newId(),
        pole_id: poleId,
        code: e.code,
        unit_code: e.unitCode ?? null,
        coefficient: e.coefficient ?? null,
        ccf: e.ccf ?? null,
        final_exam: e.finalExam ?? null,
        position: rows.examUnits.length + 1,
      });
    }
    p.classes.forEach((c, ci) => {
      const classId = newId();
      rows.classes.push({
        ...base,
        id: classId,
        pole_id: poleId,
        code: c.code,
        title: c.title,
        transversal_criterion: c.transversalCriterion ?? null,
        position: ci + 1,
      });
      c.situations.forEach((s, si) => {
        const situationId = newId();
        rows.situations.push({ ...base, id: situationId, class_id: classId, code: s.code, title: s.title, position: si + 1 });
        s.competencies.forEach((k, ki) => {
          const competencyId = newId();
          rows.competencies.push({
            ...base,
            id: competencyId,
            situation_id: situationId,
            code: k.code,
            label: k.label,
            criterion_code: k.criterion?.code ?? null,
            criterion_label: k.criterion?.label ?? null,
            to_complete: k.toComplete ? 1 : 0,
            position: ki + 1,
            version: 1,
            updated_at: at,
          });
          rows.complexities.push(...items(competencyId, k.complexities));
          rows.hazards.push(...items(competencyId, k.hazards));
        });
      });
    });
  });
  r.bepActivities.forEach((a, ai) => {
    rows.bepActivities.push({
      ...base,
      id: newId(),
      code: a.code,
      domain: a.domain,
      label: a.label,
      autonomy: a.autonomy ?? null,
      details: JSON.stringify(a.details),
      suggested_situation_codes: JSON.stringify(a.suggestedSituationCodes),
      position: ai + 1,
    });
  });

  await repo.insertTreeRows(db, rows);
  return referentialId;
}

/**
 * Installs the Bac Pro GA referential (with the BEP MSA) for a new establishment, from the
 * repository's copy of the data. Called inside the transaction that creates the establishment
 * (and by the demo seed); does nothing when the establishment already holds it.
 */
export async function installDefaultReferential(db: DbOrTx, establishmentId: string, at: string): Promise<void> {
  const doc = await loadDefaultReferentialDocument();
  if (await repo.findReferentialByCode(db, establishmentId, doc.referential.code)) return;
  await insertReferentialDocument(db, establishmentId, doc, at, 1);
}
