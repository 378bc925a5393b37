import type { BepView, CompetencyBar, EstablishmentSettings, EvidenceRow, LearnerDashboard, PassportLine, PoleBars, Progress } from '@cerise/common';
import { computeMastery } from '@cerise/common';
import { ccfForLearner, ep1Of, lastReviews, masteryOf, piecesByCell, schoolYearEnd, yearOfDate, type EvidenceData, type Mastered, type Piece, type Structure } from './dashboard.compute.ts';

/** The learner's whole dashboard from the loaded rows (bars, evidence, passport, BEP, CCF, progress). */
export function presentLearnerDashboard(
  learner: { id: string; login: string; last_name: string; first_name: string },
  structure: Structure,
  settings: EstablishmentSettings,
  data: EvidenceData,
  blockedRows: readonly { competency_id: string; blocked_at: string }[],
  divisions: readonly { school_year: string; code: string }[],
): LearnerDashboard {
  const cellsPieces = piecesByCell(data);
  const blockedIds = new Set(blockedRows.map((b) => b.competency_id));
  const byId = new Map(structure.competencies.map((c) => [c.id, c]));
  const masteries = new Map<string, Mastered>();
  for (const c of structure.competencies) masteries.set(c.id, masteryOf(cellsPieces.get(`${learner.id}|${c.id}`), settings.mastery));

  const poles: PoleBars[] = [];
  for (const c of structure.competencies) {
    let pole = poles.at(-1);
    if (!pole || pole.id !== c.pole_id) poles.push((pole = { id: c.pole_id, code: c.pole_code, title: c.pole_title, classes: [] }));
    let cls = pole.classes.at(-1);
    if (!cls || cls.id !== c.class_id) pole.classes.push((cls = { id: c.class_id, code: c.class_code, title: c.class_title, competencies: [] }));
    cls.competencies.push(bar(c, masteries.get(c.id)!, blockedIds.has(c.id)));
  }

  const last = lastReviews(data.reviews);
  const passport: PassportLine[] = data.situations.map((s) => {
    const r = last.get(s.id);
    const c = byId.get(s.competency_id);
    return {
      id: s.id,
      title: s.title,
      occurredOn: s.occurred_on,
      competencyCode: c?.code ?? '',
      competencyLabel: c?.label ?? '',
      bepActivityId: s.bep_activity_id,
      lastReview: r ? { level: r.level, reviewedOn: r.reviewed_on } : null,
    };
  });

  const bep: BepView = {
    title: structure.referential?.bep_title ?? null,
    activities: structure.bepActivities.map((a) => ({
      id: a.id,
      code: a.code,
      domain: a.domain,
      label: a.label,
      situations: passport.filter((p) => p.bepActivityId === a.id).map((p) => ({ id: p.id, title: p.title, occurredOn: p.occurredOn, lastReview: p.lastReview })),
    })),
    ep1: ep1Of(structure, data.situations),
  };

  const allPieces = [...cellsPieces.values()].flat();
  const ccf = ccfForLearner(structure, masteries, allPieces, data.situations, last, settings);

  return {
    learner: { id: learner.id, login: learner.login, lastName: learner.last_name, firstName: learner.first_name },
    referential: structure.referential ? { id: structure.referential.id, code: structure.referential.code, title: structure.referential.title } : null,
    method: settings.mastery.method,
    minEvidence: settings.mastery.minEvidence,
    poles,
    passport,
    blocked: blockedRows
      .filter((b) => byId.has(b.competency_id))
      .map((b) => ({ competencyId: b.competency_id, code: byId.get(b.competency_id)!.code, label: byId.get(b.competency_id)!.label, blockedAt: b.blocked_at })),
    bep,
    ccf,
    progress: progressOf(structure, settings, cellsPieces, learner.id, divisions),
  };
}

function bar(c: Structure['competencies'][number], m: Mastered, blocked: boolean): CompetencyBar {
  const evidence: EvidenceRow[] = m.evidence.map((e) => {
    const p = m.pieces.get(e.id)!;
    return {
      id: p.id.slice(p.id.indexOf('|') + 1),
      source: p.source,
      sourceId: p.sourceId,
      title: p.title,
      date: p.date,
      level: p.level,
      complexities: p.complexities,
      hazards: p.hazards,
      counted: e.counted,
      weight: e.weight,
      notCounted: e.notCounted,
      visible: p.visible,
    };
  });
  return { id: c.id, code: c.code, label: c.label, percent: m.percent, state: m.state, evidenceCount: m.evidenceCount, blocked, evidence };
}

/** Mastery at the end of each school year with evidence, per competency and per pôle (mean of its competencies). */
function progressOf(
  structure: Structure,
  settings: EstablishmentSettings,
  cells: ReadonlyMap<string, Piece[]>,
  learnerId: string,
  divisions: readonly { school_year: string; code: string }[],
): Progress {
  const years = new Set<string>();
  for (const list of cells.values()) for (const p of list) years.add(yearOfDate(p.date));
  for (const d of divisions) if (years.size > 0 && d.school_year >= [...years].sort()[0]!) years.add(d.school_year);
  const ordered = [...years].sort();
  const divisionOf = new Map(divisions.map((d) => [d.school_year, d.code]));
  const series: Progress['series'] = [];
  const poleSums = new Map<string, { label: string; sums: number[]; counts: number[] }>();
  for (const c of structure.competencies) {
    const pieces = cells.get(`${learnerId}|${c.id}`) ?? [];
    const percents = ordered.map((y) => {
      const end = schoolYearEnd(y);
      const upTo = pieces.filter((p) => p.date < end);
      return upTo.length === 0 ? null : computeMastery(upTo, settings.mastery).percent;
    });
    series.push({ kind: 'competency', id: c.id, label: `${c.code} ${c.label}`, percents });
    let pole = poleSums.get(c.pole_id);
    if (!pole) poleSums.set(c.pole_id, (pole = { label: `${c.pole_code} ${c.pole_title}`, sums: ordered.map(() => 0), counts: ordered.map(() => 0) }));
    percents.forEach((p, i) => {
      if (p !== null) {
        pole!.sums[i]! += p;
        pole!.counts[i]! += 1;
      }
    });
  }
  const poleSeries = [...poleSums].map(([id, p]) => ({
    kind: 'pole' as const,
    id,
    label: p.label,
    percents: p.sums.map((s, i) => (p.counts[i] === 0 ? null : Math.round(s / p.counts[i]!))),
  }));
  return { years: ordered.map((y) => ({ schoolYear: y, division: divisionOf.get(y) ?? null })), series: [...poleSeries, ...series] };
}
