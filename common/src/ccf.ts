import { BEP_DOMAINS, type BepDomain as BepDomainName } from './referentials.schemas.ts';
import type { EstablishmentSettings } from './settings.ts';
import type { MasteryState } from './settings.schemas.ts';

/*
 * CCF decision aid (docs/design.md §6): for E31 (pôle 1), E32 (pôle 3) and E33 (pôle 4), per learner,
 * « prêt », « bientôt prêt » or « pas encore » with the reasons; and the BEP MSA EP1 rule.
 * An aid, never a decision: the team decides whom to call. Pure functions.
 */

/** The exam units of the Bac Pro GA assessed in CCF (E2, pôle 2, is a written exam). */
export const CCF_UNIT_CODES = ['E31', 'E32', 'E33'] as const;

export const CCF_VERDICTS = ['ready', 'almost_ready', 'not_yet'] as const;
export type CcfVerdict = (typeof CCF_VERDICTS)[number];
export const CCF_VERDICT_LABELS: Record<CcfVerdict, string> = { ready: 'Prêt', almost_ready: 'Bientôt prêt', not_yet: 'Pas encore' };

export type CcfReason =
  | { kind: 'classes_without_passport_success'; classes: string[] }
  | { kind: 'competencies_below_acquired'; competencies: string[]; acquiredPercent: number; required: number }
  | { kind: 'classes_without_hard_success'; classes: string[] }
  | { kind: 'too_little_evidence'; count: number; required: number };

export type CcfUnitInput = {
  /** The pôle's classes of situations, with what people read (« 1.1 Gestion … »). */
  classes: readonly { id: string; label: string }[];
  /** The pôle's competencies with their mastery state and counted evidence. */
  competencies: readonly { id: string; label: string; classId: string; state: MasteryState | 'insufficient'; evidenceCount: number }[];
  /** Classes with a passport situation whose last review is réussite totale or partielle. */
  classesWithPassportSuccess: ReadonlySet<string>;
  /** Classes with a success (result or review) under at least one complexity or hazard. */
  classesWithHardSuccess: ReadonlySet<string>;
};

export type CcfUnitOutcome = {
  verdict: CcfVerdict;
  /** Share of the pôle's competencies at « acquis », in percent. */
  acquiredPercent: number;
  evidenceCount: number;
  reasons: CcfReason[];
};

/** The verdict for one unit and one learner, with every reason that keeps it from « prêt ». */
export function ccfVerdict(input: CcfUnitInput, t: EstablishmentSettings['ccf']): CcfUnitOutcome {
  const total = input.competencies.length;
  const acquired = input.competencies.filter((c) => c.state === 'acquired').length;
  const acquiredPercent = total === 0 ? 0 : Math.floor((200 * acquired + total) / (2 * total));
  const evidenceCount = input.competencies.reduce((s, c) => s + c.evidenceCount, 0);
  const reasons: CcfReason[] = [];

  const uncovered = input.classes.filter((c) => !input.classesWithPassportSuccess.has(c.id)).map((c) => c.label);
  if (uncovered.length > 0) reasons.push({ kind: 'classes_without_passport_success', classes: uncovered });
  if (acquiredPercent < t.readyMasteryPercent) {
    const below = input.competencies.filter((c) => c.state !== 'acquired').map((c) => c.label);
    reasons.push({ kind: 'competencies_below_acquired', competencies: below, acquiredPercent, required: t.readyMasteryPercent });
  }
  const noHard = input.classes.filter((c) => !input.classesWithHardSuccess.has(c.id)).map((c) => c.label);
  if (noHard.length > 0) reasons.push({ kind: 'classes_without_hard_success', classes: noHard });
  const tooLittle = evidenceCount < t.minEvidence;
  if (tooLittle) reasons.push({ kind: 'too_little_evidence', count: evidenceCount, required: t.minEvidence });

  const verdict: CcfVerdict = tooLittle || acquiredPercent < t.almostReadyMasteryPercent ? 'not_yet' : reasons.length > 0 ? 'almost_ready' : 'ready';
  return { verdict, acquiredPercent, evidenceCount, reasons };
}

const list = (items: readonly string[]) => items.join(' ; ');

/** A reason in words (French), for the screen and the PDF. */
export function describeCcfReason(r: CcfReason): string {
  switch (r.kind) {
    case 'classes_without_passport_success':
      return `Classes de situations sans situation du passeport évaluée en réussite (totale ou partielle) : ${list(r.classes)}.`;
    case 'competencies_below_acquired':
      return `${r.acquiredPercent} % des compétences du pôle sont acquises (${r.required} % demandés). En dessous d’« acquis » : ${list(r.competencies)}.`;
    case 'classes_without_hard_success':
      return `Classes de situations sans réussite avec au moins une complexité ou un aléa : ${list(r.classes)}.`;
    case 'too_little_evidence':
      return `Trop peu de preuves dans le pôle : ${r.count} pour ${r.required} ${r.required > 1 ? 'demandées' : 'demandée'}.`;
  }
}

// --- BEP MSA, EP1 -----------------------------------------------------------------------------

export const BEP_DOMAIN_LABELS: Record<BepDomainName, string> = {
  technique: 'Technique',
  organisationnelle: 'Organisationnelle',
  relationnelle: 'Relationnelle',
};
/** The official rule: at least 9 distinct activities in the passport, 3 of each dominante. */
export const EP1_MIN_ACTIVITIES = 9;
export const EP1_MIN_PER_DOMAIN = 3;

export type Ep1Status = {
  ready: boolean;
  distinct: number;
  perDomain: Record<BepDomainName, number>;
  missing: { total: number; perDomain: Record<BepDomainName, number> };
};

/** EP1 count from the BEP activities the learner's passport situations are attached to. */
export function ep1Status(activities: readonly { id: string; domain: BepDomainName }[], attachedActivityIds: readonly (string | null)[]): Ep1Status {
  const domainOf = new Map(activities.map((a) => [a.id, a.domain]));
  const distinct = new Set(attachedActivityIds.filter((id): id is string => id !== null && domainOf.has(id)));
  const perDomain = { technique: 0, organisationnelle: 0, relationnelle: 0 };
  for (const id of distinct) perDomain[domainOf.get(id)!] += 1;
  const missingPer = { technique: 0, organisationnelle: 0, relationnelle: 0 };
  for (const d of BEP_DOMAINS) missingPer[d] = Math.max(0, EP1_MIN_PER_DOMAIN - perDomain[d]);
  const sumPer = BEP_DOMAINS.reduce((s, d) => s + missingPer[d], 0);
  const total = Math.max(EP1_MIN_ACTIVITIES - distinct.size, sumPer);
  return { ready: total === 0, distinct: distinct.size, perDomain, missing: { total, perDomain: missingPer } };
}

/** The EP1 count in words (French). */
export function describeEp1(s: Ep1Status): string {
  const counts = BEP_DOMAINS.map((d) => `${BEP_DOMAIN_LABELS[d].toLowerCase()} ${s.perDomain[d]}`).join(', ');
  const head = `${s.distinct} activité${s.distinct > 1 ? 's' : ''} distincte${s.distinct > 1 ? 's' : ''} sur ${EP1_MIN_ACTIVITIES} (${counts}).`;
  if (s.ready) return `${head} La règle de l’EP1 est remplie.`;
  const lacking = BEP_DOMAINS.filter((d) => s.missing.perDomain[d] > 0).map((d) => `${s.missing.perDomain[d]} ${BEP_DOMAIN_LABELS[d].toLowerCase()}${s.missing.perDomain[d] > 1 ? 's' : ''}`);
  const detail = lacking.length > 0 ? `, dont ${lacking.join(', ')}` : '';
  return `${head} Il manque ${s.missing.total} activité${s.missing.total > 1 ? 's' : ''}${detail}.`;
}
