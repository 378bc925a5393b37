import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { auditRead, passportOf } from './passport.access.ts';
import type { ExtractData } from './passport.extract.pdf.ts';
import { asBuffer } from '../../workers/as-buffer.ts';
import { loadRelated } from './passport.presenter.ts';
import * as repo from './passport.repository.ts';
import { divisionLearners } from './passport.teacher.usecases.ts';

/**
 * CCF extracts: a PDF per learner for one pôle or all, and a ZIP of a class's PDFs.
 * The data is read here (with the policy and the audit); the PDFs are drawn in a worker thread.
 */

async function extractData(deps: Deps, ctx: RequestContext, learner: { id: string; last_name: string; first_name: string }, poleCode: string | undefined): Promise<ExtractData> {
  const pole = poleCode ? await repo.poleByCode(deps.db, ctx.establishmentId, poleCode) : undefined;
  if (poleCode && !pole) throw notFound();
  const schoolYear = await activeSchoolYear(deps.db, ctx.establishmentId, ctx.at);
  const all = await repo.allSituationsOf(deps.db, ctx.establishmentId, learner.id);
  const rel = await loadRelated(deps.db, ctx.establishmentId, learner.id, all);
  const rows = pole ? all.filter((r) => rel.refs.get(r.competency_id)?.pole_code === pole.code) : all;
  const items = rows.flatMap((r) => rel.items.get(r.id) ?? []);
  const labels = await repo.itemLabels(deps.db, items.flatMap((i) => (i.complexity_id ? [i.complexity_id] : [])), items.flatMap((i) => (i.hazard_id ? [i.hazard_id] : [])));
  const beps = rows.some((r) => r.bep_activity_id) ? new Map((await repo.bepActivities(deps.db, ctx.establishmentId)).map((b) => [b.id, b])) : new Map();
  return {
    establishment: await repo.establishmentName(deps.db, ctx.establishmentId),
    learner: `${learner.last_name} ${learner.first_name}`,
    division: await repo.divisionCodeOf(deps.db, ctx.establishmentId, schoolYear, learner.id),
    pole: pole ? { code: pole.code, title: pole.title } : null,
    generatedOn: nowIso(ctx.at).slice(0, 10),
    situations: rows.map((r) => {
      const ref = rel.refs.get(r.competency_id);
      const its = rel.items.get(r.id) ?? [];
      const bep = r.bep_activity_id ? beps.get(r.bep_activity_id) : undefined;
      return {
        title: r.title,
        occurredOn: r.occurred_on,
        place: r.place,
        context: r.context,
        conditions: r.conditions,
        poleCode: ref?.pole_code ?? '',
        situationCode: ref?.situation_code ?? '',
        situationTitle: ref?.situation_title ?? '',
        competencyCode: ref?.code ?? '',
        competencyLabel: ref?.label ?? '',
        complexities: its.flatMap((i) => (i.complexity_id ? [labels.get(i.complexity_id) ?? ''] : [])),
        hazards: its.flatMap((i) => (i.hazard_id ? [labels.get(i.hazard_id) ?? ''] : [])),
        doneText: r.done_text,
        producedText: r.produced_text,
        analysisText: r.analysis_text,
        usageText: r.usage_text,
        bep: bep ? { code: bep.code, label: bep.label, text: r.bep_text } : null,
        reviews: (rel.reviews.get(r.id) ?? []).map((v) => ({ level: v.level, appraisal: v.appraisal, reviewedOn: v.reviewed_on, teacher: `${v.first_name} ${v.last_name}` })),
        attachments: (rel.attachments.get(r.id) ?? []).map((a) => ({ filename: a.filename, part: a.part })),
      };
    }),
  };
}

const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
const fileName = (last: string, first: string, pole: string | undefined) => `passeport-${slug(last)}-${slug(first)}${pole ? `-pole-${slug(pole)}` : ''}.pdf`;

export async function learnerExtract(deps: Deps, ctx: RequestContext, learnerId: string, pole: string | undefined) {
  const learner = await passportOf(deps, ctx, learnerId, 'read');
  const [pdf] = await deps.workers.run('passport.extracts', { extracts: [await extractData(deps, ctx, learner, pole)] }, { key: ctx.establishmentId });
  await auditRead(deps.db, ctx, learnerId, 'extract', { pole: pole ?? null });
  return { filename: fileName(learner.last_name, learner.first_name, pole), body: asBuffer(pdf!) };
}

export async function classExtracts(deps: Deps, ctx: RequestContext, divisionId: string, pole: string | undefined) {
  const division = await divisionLearners(deps, ctx, divisionId);
  const extracts: { name: string; data: ExtractData }[] = [];
  for (const l of division.learners) {
    const learner = await passportOf(deps, ctx, l.id, 'read');
    extracts.push({ name: fileName(learner.last_name, learner.first_name, pole), data: await extractData(deps, ctx, learner, pole) });
  }
  const zip = await deps.workers.run('passport.extractsZip', { extracts }, { key: ctx.establishmentId });
  for (const l of division.learners) await auditRead(deps.db, ctx, l.id, 'extract', { pole: pole ?? null, division: division.code });
  return { filename: `passeports-${slug(division.code)}${pole ? `-pole-${slug(pole)}` : ''}.zip`, body: asBuffer(zip) };
}
