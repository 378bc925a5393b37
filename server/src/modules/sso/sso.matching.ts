import type { Profile } from '@cerise/common';
import type { MatchAccountRow } from './sso.repository.ts';
import type { ExternalAssertion } from './sso.types.ts';

/*
 * Which account an external identity signs in to (docs/sso.md « Ordre de rapprochement »), in
 * this order: an existing link; a SIECLE key the provider released (ELEVE_ID, INE, STS id, AAF
 * join key); a parent vector (the child's ELEVE_ID + UAI + the parent's names); otherwise a refusal.
 * Always: the UAI released matches the establishment of the route, the account is active (not
 * hidden, not left), and the provider serves its profile. Pure: the use case runs the lookups.
 */

export type MatchRule = 'existing' | 'eleve_id' | 'ine' | 'sts_id' | 'parent_vector';
export type RefusalReason = 'unknown' | 'wrong_uai' | 'inactive' | 'profile' | 'protocol';

/** An establishment where this identity provider is configured (the route's, or another one). */
export interface MatchScope {
  establishmentId: string;
  uai: string;
  establishmentName: string;
  providerId: string;
  providerProfiles: readonly Profile[];
}

export interface AccountCandidate {
  account: MatchAccountRow;
  scope: MatchScope;
  rule: MatchRule;
}

/** The candidates one rule found, in the order the rules run. */
export interface RuleResult {
  rule: MatchRule;
  candidates: AccountCandidate[];
}

export type MatchDecision =
  | { kind: 'match'; candidate: AccountCandidate }
  | { kind: 'choice'; candidates: AccountCandidate[] }
  | { kind: 'refused'; reason: RefusalReason };

/** Upper case, no accents, letters and digits separated by single spaces: « Éloïse-Marie » → « ELOISE MARIE ». */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[œŒ]/g, 'OE')
    .replace(/[æÆ]/g, 'AE')
    .replace(/ß/g, 'SS')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function profilesOfAccount(a: Pick<MatchAccountRow, 'is_administrator' | 'is_teacher' | 'is_learner' | 'is_parent'>): Profile[] {
  const out: Profile[] = [];
  if (a.is_administrator) out.push('administrator');
  if (a.is_teacher) out.push('teacher');
  if (a.is_learner) out.push('learner');
  if (a.is_parent) out.push('parent');
  return out;
}

/** Not hidden, and not past the date the person left. */
export function isActive(a: Pick<MatchAccountRow, 'hidden_at' | 'left_at'>, at: string): boolean {
  return a.hidden_at === null && (a.left_at === null || a.left_at > at);
}

/** Every UAI the assertion ties the person to: released UAIs and those of the vectors (upper-cased). */
export function releasedUais(assertion: ExternalAssertion): string[] {
  return [...new Set([...assertion.uais, ...assertion.vectors.map((v) => v.uai)].map((u) => u.trim().toUpperCase()))];
}

/** When the provider releases UAIs, the route's establishment must be one of them (every value checked). */
export function uaiAllowed(assertion: ExternalAssertion, routeUai: string): boolean {
  const uais = releasedUais(assertion);
  return uais.length === 0 || uais.includes(routeUai.toUpperCase());
}

/**
 * The other establishments worth searching: those that configured the same provider and whose UAI
 * the assertion names (a parent with children in two schools). The route's scope comes first.
 */
export function scopesToSearch(route: MatchScope, siblings: readonly MatchScope[], assertion: ExternalAssertion): MatchScope[] {
  const named = new Set(releasedUais(assertion));
  const others = siblings.filter((s) => s.establishmentId !== route.establishmentId && named.has(s.uai.toUpperCase()));
  return [route, ...others];
}

/** What to look up in one establishment for the SIECLE-key rules. */
export interface ScopeKeys {
  eleve: string[];
  ine: string[];
  sts: string[];
  /** Parent vectors of this establishment: the child's ELEVE_ID and the parent's folded names. */
  parentVectors: { eleveId: string; lastName: string; firstName: string }[];
}

/**
 * The keys to look up in a scope. Keys the provider released without a UAI (ELEVE_ID, INE, STS id,
 * join key) are searched in the route's establishment and in those whose UAI was released; a
 * vector only in the establishment of its own UAI.
 */
export function keysForScope(assertion: ExternalAssertion, scope: MatchScope, isRoute: boolean): ScopeKeys {
  const uai = scope.uai.toUpperCase();
  const unbound = isRoute || assertion.uais.includes(uai);
  const vectors = assertion.vectors.filter((v) => v.uai.toUpperCase() === uai);
  const eleve = new Set<string>();
  const sts = new Set<string>();
  if (unbound) {
    for (const id of assertion.eleveIds) eleve.add(`eleve:${id}`);
    for (const id of assertion.stsIds) sts.add(`sts:${id}`);
    for (const id of assertion.personIds ?? []) eleve.add(`resp:${id}`);
    for (const id of assertion.jointureIds ?? []) {
      eleve.add(`eleve:${id}`);
      eleve.add(`resp:${id}`);
      sts.add(`sts:${id}`);
    }
  }
  for (const v of vectors) if (v.profile === 3 || v.profile === 4) eleve.add(`eleve:${v.eleveId}`);
  return {
    eleve: [...eleve],
    ine: unbound ? [...assertion.ines] : [],
    sts: [...sts],
    parentVectors: vectors
      .filter((v) => v.profile === 1 || v.profile === 2)
      .map((v) => ({ eleveId: v.eleveId, lastName: foldName(v.lastName), firstName: foldName(v.firstName) })),
  };
}

/** Whether a parent account carries the vector's names (folded: accents, case, hyphens). */
export function namesMatch(account: Pick<MatchAccountRow, 'last_name' | 'first_name'>, lastName: string, firstName: string): boolean {
  return foldName(account.last_name) === lastName && foldName(account.first_name) === firstName;
}

/**
 * Decides from the rules' results, taken in order: the first rule that finds an account that is
 * active and whose profile the provider serves wins (one → sign in, several → the person chooses).
 * A rule that only finds inactive or unserved accounts gives way to the next; if none wins, the
 * refusal names the first such reason, or « unknown ».
 */
export function decide(results: readonly RuleResult[], at: string): MatchDecision {
  let firstReason: RefusalReason | null = null;
  for (const { candidates } of results) {
    const seen = new Set<string>();
    const eligible: AccountCandidate[] = [];
    for (const c of candidates) {
      if (seen.has(c.account.id)) continue;
      seen.add(c.account.id);
      if (!isActive(c.account, at)) {
        firstReason ??= 'inactive';
        continue;
      }
      if (!profilesOfAccount(c.account).some((p) => c.scope.providerProfiles.includes(p))) {
        firstReason ??= 'profile';
        continue;
      }
      eligible.push(c);
    }
    if (eligible.length === 1) return { kind: 'match', candidate: eligible[0]! };
    if (eligible.length > 1) return { kind: 'choice', candidates: eligible };
  }
  return { kind: 'refused', reason: firstReason ?? 'unknown' };
}
