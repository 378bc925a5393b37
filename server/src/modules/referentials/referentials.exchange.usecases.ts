import { errorMessage, type ImportReport, type ReferentialDocument } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { DbOrTx } from '../../db/schema.ts';
import type { CompetencyItemsTable } from '../../db/tables/referentials.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../auth/auth.presenter.ts';
import { countDocument, documentCompetencies, planItemList, type ItemListPlan } from './referentials.document.ts';
import { listSome, parseImportDocument } from './referentials.import-parser.ts';
import { insertReferentialDocument } from './referentials.install.ts';
import { assertCanEditReferentials } from './referentials.policy.ts';
import { documentFromTree, presentTree } from './referentials.presenter.ts';
import * as repo from './referentials.repository.ts';
import { describeReport } from './referentials.report.ts';
import type { SourceSection } from './referentials.source-format.ts';
import { countItemsInUse, describeUses } from './referentials.usage.ts';

/**
 * Export and import of referentials (administrators). An import is all-or-nothing: checked
 * first (format, duplicate codes, unknown codes, items in use), then written in one transaction.
 * On an existing referential (same code) only complexities, hazards and « à compléter » change.
 */

export async function exportReferential(
  deps: Deps,
  user: SessionUser,
  referentialId: string,
): Promise<{ document: ReferentialDocument; filename: string }> {
  assertCanEditReferentials(user);
  const rows = await repo.loadTreeRows(deps.db, user.establishmentId, referentialId);
  if (!rows) throw notFound('referentials.not_found');
  const document = documentFromTree(presentTree(rows), nowIso(deps.now()));
  const safeCode = rows.referential.code.replace(/[^A-Za-z0-9._-]+/g, '_');
  return { document, filename: `referentiel-${safeCode}.json` };
}

// --- planning --------------------------------------------------------------------------------

export type CompetencyPlan = {
  competencyId: string;
  code: string;
  label: string;
  complexities: ItemListPlan;
  hazards: ItemListPlan;
  toComplete: { from: boolean; to: boolean } | null;
};

export type ImportPlan =
  | { action: 'create'; doc: ReferentialDocument; existingId: null; warnings: string[] }
  | {
      action: 'update' | 'none';
      doc: ReferentialDocument;
      existingId: string;
      existingTitle: string;
      changes: CompetencyPlan[];
      unchanged: number;
      warnings: string[];
    };

const codeKey = (code: string) => code.trim().toUpperCase();

async function planImport(db: DbOrTx, establishmentId: string, doc: ReferentialDocument): Promise<ImportPlan> {
  const existing = await repo.findReferentialByCode(db, establishmentId, doc.referential.code);
  if (!existing) return { action: 'create', doc, existingId: null, warnings: [] };

  const rows = (await repo.loadTreeRows(db, establishmentId, existing.id))!;
  const competencies = new Map(rows.competencies.map((k) => [codeKey(k.code), k]));
  const fileCompetencies = documentCompetencies(doc);
  const unknown = fileCompetencies.filter((k) => !competencies.has(codeKey(k.code))).map((k) => k.code);
  if (unknown.length > 0) {
    throw badRequest(
      'referentials.import_unknown_codes',
      `${errorMessage('referentials.import_unknown_codes')} Référentiel « ${existing.title} » (${existing.code}) : ${listSome(unknown)}.`,
      { codes: unknown },
    );
  }

  const itemsOf = (items: CompetencyItemsTable[]) => {
    const map = new Map<string, CompetencyItemsTable[]>();
    for (const i of items) map.set(i.competency_id, [...(map.get(i.competency_id) ?? []), i]);
    return map;
  };
  const complexities = itemsOf(rows.complexities);
  const hazards = itemsOf(rows.hazards);
  const changes: CompetencyPlan[] = [];
  const renamedLabels: string[] = [];
  for (const k of fileCompetencies) {
    const row = competencies.get(codeKey(k.code))!;
    if (row.label !== k.label) renamedLabels.push(row.code);
    const plan: CompetencyPlan = {
      competencyId: row.id,
      code: row.code,
      label: row.label,
      complexities: planItemList(complexities.get(row.id) ?? [], k.complexities),
      hazards: planItemList(hazards.get(row.id) ?? [], k.hazards),
      toComplete: (row.to_complete === 1) !== k.toComplete ? { from: row.to_complete === 1, to: k.toComplete } : null,
    };
    if (plan.complexities.changed || plan.hazards.changed || plan.toComplete) changes.push(plan);
  }

  // Removing an item that a scenario, an evaluation or a passport uses is refused.
  const inUse: string[] = [];
  for (const [list, kind] of [['complexities', 'complexity'], ['hazards', 'hazard']] as const) {
    const removed = changes.flatMap((c) => c[list].removed.map((item) => ({ item, code: c.code })));
    const used = await countItemsInUse(db, establishmentId, kind, removed.map((r) => r.item.id));
    for (const r of removed) {
      const uses = used.get(r.item.id);
      if (uses) inUse.push(`${r.code} « ${r.item.label} », utilisé ${describeUses(uses)}`);
    }
  }
  if (inUse.length > 0) {
    throw conflict(
      'referentials.import_item_in_use',
      `${errorMessage('referentials.import_item_in_use')} ${inUse.length === 1 ? 'Élément utilisé' : `${inUse.length} éléments utilisés`} : ${inUse.slice(0, 10).join(' ; ')}${inUse.length > 10 ? ' ; …' : ''}. Gardez-les dans le fichier (vous pouvez les renommer), puis importez-le à nouveau.`,
      { items: inUse },
    );
  }

  const warnings: string[] = [];
  if (renamedLabels.length > 0) {
    warnings.push(
      `Intitulés différents dans le fichier pour ${listSome(renamedLabels)} : les intitulés du référentiel de l'établissement sont conservés.`,
    );
  }
  const missing = rows.competencies.length - fileCompetencies.length;
  if (missing > 0) warnings.push(`${missing} compétence(s) du référentiel ne figurent pas dans le fichier : elles ne changent pas.`);
  return {
    action: changes.length > 0 ? 'update' : 'none',
    doc,
    existingId: existing.id,
    existingTitle: existing.title,
    changes,
    unchanged: rows.competencies.length - changes.length,
    warnings,
  };
}

// --- applying --------------------------------------------------------------------------------

async function applyItemPlan(db: DbOrTx, table: repo.ItemTable, establishmentId: string, competencyId: string, plan: ItemListPlan) {
  if (!plan.changed) return;
  await repo.deleteItems(db, table, establishmentId, plan.removed.map((r) => r.id));
  const renamed = new Map(plan.renamed.map((r) => [r.id, r.to]));
  const inserts: CompetencyItemsTable[] = [];
  for (const item of plan.final) {
    if (item.id === null) {
      inserts.push({ id: newId(), establishment_id: establishmentId, competency_id: competencyId, position: item.position, label: item.label });
    } else {
      await repo.updateItem(db, table, establishmentId, item.id, { position: item.position, ...(renamed.has(item.id) ? { label: item.label } : {}) });
    }
  }
  await repo.insertItems(db, table, inserts);
}

async function applyPlan(db: DbOrTx, establishmentId: string, plan: ImportPlan, at: string): Promise<string | null> {
  if (plan.action === 'create') return insertReferentialDocument(db, establishmentId, plan.doc, at);
  if (plan.action === 'none') return plan.existingId;
  for (const c of plan.changes) {
    await repo.bumpCompetencyVersion(db, establishmentId, c.competencyId, null, at);
    await applyItemPlan(db, 'complexities', establishmentId, c.competencyId, c.complexities);
    await applyItemPlan(db, 'hazards', establishmentId, c.competencyId, c.hazards);
    if (c.toComplete) await repo.setCompetencyToComplete(db, establishmentId, c.competencyId, c.toComplete.to);
  }
  await repo.bumpReferentialVersion(db, establishmentId, plan.existingId, at);
  return plan.existingId;
}

function report(plan: ImportPlan, dryRun: boolean, applied: boolean, referentialId: string | null): ImportReport {
  const r = plan.doc.referential;
  const changes =
    plan.action === 'create'
      ? []
      : plan.changes.map((c) => ({
          competencyId: c.competencyId,
          code: c.code,
          label: c.label,
          complexities: {
            added: c.complexities.added,
            removed: c.complexities.removed.map((i) => i.label),
            renamed: c.complexities.renamed.map(({ from, to }) => ({ from, to })),
            reordered: c.complexities.reordered,
          },
          hazards: {
            added: c.hazards.added,
            removed: c.hazards.removed.map((i) => i.label),
            renamed: c.hazards.renamed.map(({ from, to }) => ({ from, to })),
            reordered: c.hazards.reordered,
          },
          toComplete: c.toComplete,
        }));
  const base = {
    dryRun,
    applied,
    action: plan.action,
    referential: { id: referentialId, code: r.code, title: plan.action === 'create' ? r.title : plan.existingTitle },
    counts: countDocument(plan.doc),
    changes,
    unchangedCompetencies: plan.action === 'create' ? 0 : plan.unchanged,
    warnings: plan.warnings,
  };
  return { ...base, ...describeReport(base) };
}

/**
 * Analyses a file (`dryRun`) or imports it. Refusals: 400 `referentials.import_invalid_format`,
 * `…_duplicate_code`, `…_duplicate_item`, `…_unknown_codes`; 409 `…_item_in_use`. Nothing is
 * written unless every check passes.
 */
export async function importReferential(
  deps: Deps,
  ctx: RequestContext,
  body: unknown,
  opts: { dryRun: boolean; section: SourceSection },
): Promise<ImportReport> {
  const { actor: user, ip } = ctx;
  assertCanEditReferentials(user);
  const doc = parseImportDocument(body, opts.section);
  const establishmentId = user.establishmentId;
  if (opts.dryRun) {
    const plan = await planImport(deps.db, establishmentId, doc);
    return report(plan, true, false, plan.existingId);
  }
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const plan = await planImport(tx, establishmentId, doc);
    const referentialId = await applyPlan(tx, establishmentId, plan, at);
    const result = report(plan, false, plan.action !== 'none', referentialId);
    if (plan.action !== 'none') {
      await recordAudit(tx, {
        establishmentId,
        actorId: user.id,
        action: plan.action === 'create' ? 'referentials.imported_new' : 'referentials.imported_update',
        targetType: 'referential',
        targetId: referentialId,
        details: { code: doc.referential.code, changedCompetencies: result.changes.map((c) => c.code) },
        ip,
        at,
      });
    }
    return result;
  });
}
