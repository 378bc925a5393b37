import { errorMessage, type Profile, type SsoPending } from '@cerise/common';
import type { AnonymousContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { openSession } from '../auth/auth.usecases.ts';
import { findEstablishmentByUai } from '../establishments/establishments.repository.ts';
import {
  decide,
  isActive,
  keysForScope,
  namesMatch,
  profilesOfAccount,
  scopesToSearch,
  uaiAllowed,
  type AccountCandidate,
  type MatchDecision,
  type MatchRule,
  type MatchScope,
  type RefusalReason,
  type RuleResult,
} from './sso.matching.ts';
import { logoutUrlOf, providerProfiles } from './sso.providers.ts';
import * as repo from './sso.repository.ts';
import { isWellFormedToken, newStateToken, stateIdOf } from './sso.tokens.ts';
import type { ExternalAssertion, SsoProtocol } from './sso.types.ts';

/*
 * The end of every SSO login, whatever the protocol (docs/sso.md « Déroulement d'une connexion »):
 * matching, the first link, the session (the same as a local login's), the multi-account choice and
 * the refusal page. Protocol adapters (cas/, saml/, oidc/) call `startSsoLogin` to find the route's
 * provider, then `completeSsoLogin` with a verified assertion, or `refuseSso` when the IdP's answer
 * is not acceptable; the routes turn the outcome into cookies and a redirect (sso.http.ts).
 */

/** Protocol states are dropped this long after they expire. */
const STATE_KEEP_MS = 24 * 60 * 60 * 1000;

/** A choice or a refusal stays readable this long in the browser that got it. */
export const PENDING_TTL_MS = 15 * 60 * 1000;

export type SsoOutcome =
  | { kind: 'session'; token: string; uai: string }
  | { kind: 'pending'; pendingToken: string; uai: string };

export type SsoTarget = {
  establishment: { id: string; uai: string; name: string };
  provider: repo.ProviderRow;
};

/** The establishment and the enabled provider of `kind` named by an SSO route, or 404. */
export async function startSsoLogin(deps: Deps, uai: string, providerId: string, kind: SsoProtocol): Promise<SsoTarget> {
  const establishment = await findEstablishmentByUai(deps.db, uai);
  if (!establishment) throw notFound('auth.establishment_not_found');
  const provider = /^[0-9a-f-]{36}$/i.test(providerId) ? await repo.findProvider(deps.db, establishment.id, providerId) : undefined;
  if (!provider || provider.kind !== kind) throw notFound('sso.provider_not_found');
  if (provider.enabled !== 1) throw new AppError(404, 'sso.provider_disabled');
  // Expired states go now and then (consumed ones are kept a day, to refuse replays).
  if (Math.random() < 0.05) await repo.purgeStates(deps.db, nowIso(new Date(deps.now().getTime() - STATE_KEEP_MS)));
  return { establishment: { id: establishment.id, uai: establishment.uai, name: establishment.name }, provider };
}

type LoginInput = SsoTarget & {
  assertion: ExternalAssertion;
  userAgent: string | null;
  previousSessionToken: string | null;
};

/** Runs the matching rules in order, each over the establishments worth searching. */
async function runRules(deps: Deps, route: MatchScope, provider: repo.ProviderRow, assertion: ExternalAssertion): Promise<RuleResult[]> {
  const siblings: MatchScope[] = (await repo.enabledProvidersOfIdp(deps.db, provider.kind, provider.idp_key)).map((p) => ({
    establishmentId: p.establishment_id,
    uai: p.uai,
    establishmentName: p.establishment_name,
    providerId: p.id,
    providerProfiles: providerProfiles(p),
  }));
  const scopes = scopesToSearch(route, siblings, assertion);
  const byProvider = new Map(scopes.map((s) => [s.providerId, s]));

  // 1. An existing link, in the route's provider or the same IdP configured by a named establishment.
  const links = await repo.findIdentitiesOfSubject(deps.db, [...byProvider.keys()], assertion.subject);
  const linked = await repo.accountsByIds(deps.db, links.map((l) => l.user_id));
  const existing: AccountCandidate[] = links.flatMap((l) => {
    const account = linked.find((a) => a.id === l.user_id);
    const scope = byProvider.get(l.provider_id);
    return account && scope ? [{ account, scope, rule: 'existing' as const }] : [];
  });

  // 2. SIECLE keys, 3. parent vectors, per establishment.
  const keyed: Record<'eleve_id' | 'ine' | 'sts_id' | 'parent_vector', AccountCandidate[]> = { eleve_id: [], ine: [], sts_id: [], parent_vector: [] };
  for (const [i, scope] of scopes.entries()) {
    const keys = keysForScope(assertion, scope, i === 0);
    const add = (rule: MatchRule & keyof typeof keyed, rows: repo.MatchAccountRow[]) => {
      for (const account of rows) keyed[rule].push({ account, scope, rule });
    };
    add('eleve_id', await repo.accountsByExternalIds(deps.db, scope.establishmentId, keys.eleve));
    add('ine', await repo.accountsByNationalIds(deps.db, scope.establishmentId, keys.ine));
    add('sts_id', await repo.accountsByExternalIds(deps.db, scope.establishmentId, keys.sts));
    for (const v of keys.parentVectors) {
      const parents = await repo.guardiansOfEleve(deps.db, scope.establishmentId, v.eleveId);
      add('parent_vector', parents.filter((p) => p.is_parent === 1 && namesMatch(p, v.lastName, v.firstName)));
    }
  }
  return [
    { rule: 'existing', candidates: existing },
    // ELEVE_ID, INE and STS id are one step: the SIECLE key the provider released.
    { rule: 'eleve_id', candidates: [...keyed.eleve_id, ...keyed.ine, ...keyed.sts_id] },
    { rule: 'parent_vector', candidates: keyed.parent_vector },
  ];
}

/** Decides who signs in for a verified assertion at the route's establishment (docs/sso.md « Ordre de rapprochement »). */
export async function matchAssertion(deps: Deps, target: SsoTarget, assertion: ExternalAssertion, at: string): Promise<MatchDecision> {
  if (!uaiAllowed(assertion, target.establishment.uai)) return { kind: 'refused', reason: 'wrong_uai' };
  const route: MatchScope = {
    establishmentId: target.establishment.id,
    uai: target.establishment.uai,
    establishmentName: target.establishment.name,
    providerId: target.provider.id,
    providerProfiles: providerProfiles(target.provider),
  };
  return decide(await runRules(deps, route, target.provider, assertion), at);
}

type PendingChoice = {
  providerLabel: string;
  subject: string;
  candidates: {
    id: string;
    establishmentId: string;
    uai: string;
    establishmentName: string;
    providerId: string;
    userId: string;
    rule: MatchRule;
    lastName: string;
    firstName: string;
    profiles: Profile[];
  }[];
};

type PendingRefusal = { uai: string; providerLabel: string; subject: string; reason: RefusalReason; messageCode: string | null; logoutUrl: string | null };

export async function completeSsoLogin(deps: Deps, ctx: AnonymousContext, input: LoginInput): Promise<SsoOutcome> {
  const at = nowIso(ctx.at);
  const { assertion, provider, establishment } = input;
  if (!assertion.subject) return refuseSso(deps, ctx, { ...input, subject: null, reason: 'protocol', detail: 'empty_subject' });
  const decision = await matchAssertion(deps, input, assertion, at);
  if (decision.kind === 'refused') {
    return refuseSso(deps, ctx, { ...input, subject: assertion.subject, reason: decision.reason, logoutUrl: assertion.logoutUrl });
  }
  if (decision.kind === 'match') return signIn(deps, ctx, decision.candidate, assertion.subject, input);

  const { token, id } = newStateToken();
  const choice: PendingChoice = {
    providerLabel: provider.label,
    subject: assertion.subject,
    candidates: decision.candidates.map((c) => ({
      id: newId(),
      establishmentId: c.scope.establishmentId,
      uai: c.scope.uai,
      establishmentName: c.scope.establishmentName,
      providerId: c.scope.providerId,
      userId: c.account.id,
      rule: c.rule,
      lastName: c.account.last_name,
      firstName: c.account.first_name,
      profiles: profilesOfAccount(c.account),
    })),
  };
  await repo.createState(deps.db, {
    id,
    establishment_id: establishment.id,
    provider_id: provider.id,
    purpose: 'choice',
    data: JSON.stringify(choice),
    created_at: at,
    expires_at: nowIso(new Date(ctx.at.getTime() + PENDING_TTL_MS)),
  });
  return { kind: 'pending', pendingToken: token, uai: establishment.uai };
}

/** Links at first match (when the subject is still free for that provider), opens the session, audits. */
async function signIn(
  deps: Deps,
  ctx: AnonymousContext,
  c: { account: repo.MatchAccountRow; scope: Pick<MatchScope, 'establishmentId' | 'uai' | 'providerId'>; rule: MatchRule },
  subject: string,
  input: { userAgent: string | null; previousSessionToken: string | null },
): Promise<SsoOutcome> {
  const at = nowIso(ctx.at);
  const token = await inTransaction(deps.db, async (tx) => {
    const provider = await repo.findProvider(tx, c.scope.establishmentId, c.scope.providerId);
    const label = provider?.label ?? '';
    if (c.rule !== 'existing' && !(await repo.findIdentity(tx, c.scope.providerId, subject))) {
      await repo.insertIdentity(tx, {
        id: newId(),
        establishment_id: c.scope.establishmentId,
        user_id: c.account.id,
        provider_id: c.scope.providerId,
        subject,
        rule: c.rule,
        linked_by_user_id: null,
        linked_at: at,
      });
      await recordAudit(tx, {
        establishmentId: c.scope.establishmentId,
        actorId: c.account.id,
        action: 'sso.linked',
        targetType: 'user',
        targetId: c.account.id,
        details: { provider: label, providerId: c.scope.providerId, subject, rule: c.rule },
        ip: ctx.ip,
        at,
      });
    }
    const session = await openSession(tx, ctx, {
      userId: c.account.id,
      establishmentId: c.scope.establishmentId,
      userAgent: input.userAgent,
      previousSessionToken: input.previousSessionToken,
      ssoProviderId: c.scope.providerId,
    });
    await recordAudit(tx, {
      establishmentId: c.scope.establishmentId,
      actorId: c.account.id,
      action: 'sso.login',
      targetType: 'user',
      targetId: c.account.id,
      details: { provider: label, providerId: c.scope.providerId, subject, rule: c.rule },
      ip: ctx.ip,
      at,
    });
    return session.token;
  });
  return { kind: 'session', token, uai: c.scope.uai };
}

/**
 * Refuses an SSO login: audits it (provider, subject, reason) and keeps what the refusal page shows
 * — the identifier to give the administrator — for the browser that got it.
 */
export async function refuseSso(
  deps: Deps,
  ctx: AnonymousContext,
  input: SsoTarget & {
    subject: string | null;
    reason: RefusalReason;
    /** What went wrong, for the Journal (a CAS failure code…). */
    detail?: string;
    /** An error code whose French message explains it better than the reason's (`sso.cas_invalid_service`). */
    messageCode?: string;
    logoutUrl?: string | null;
  },
): Promise<SsoOutcome> {
  const at = nowIso(ctx.at);
  const { token, id } = newStateToken();
  const refusal: PendingRefusal = {
    uai: input.establishment.uai,
    providerLabel: input.provider.label,
    subject: input.subject ?? '',
    reason: input.reason,
    messageCode: input.messageCode ?? null,
    logoutUrl: input.logoutUrl ?? logoutUrlOf(input.provider),
  };
  await inTransaction(deps.db, async (tx) => {
    await repo.createState(tx, {
      id,
      establishment_id: input.establishment.id,
      provider_id: input.provider.id,
      purpose: 'refusal',
      data: JSON.stringify(refusal),
      created_at: at,
      expires_at: nowIso(new Date(ctx.at.getTime() + PENDING_TTL_MS)),
    });
    await recordAudit(tx, {
      establishmentId: input.establishment.id,
      actorId: null,
      action: 'sso.refused',
      details: {
        provider: input.provider.label,
        providerId: input.provider.id,
        subject: input.subject,
        reason: input.reason,
        ...(input.detail ? { detail: input.detail } : {}),
      },
      ip: ctx.ip,
      at,
    });
  });
  return { kind: 'pending', pendingToken: token, uai: input.establishment.uai };
}

/** What the browser's pending outcome shows: the accounts to choose from, or the refusal. */
export async function readPending(deps: Deps, ctx: AnonymousContext, token: string | undefined): Promise<SsoPending> {
  if (!isWellFormedToken(token)) throw notFound('sso.no_pending');
  const at = nowIso(ctx.at);
  const id = stateIdOf(token);
  const choice = await repo.peekState(deps.db, id, 'choice', at);
  if (choice) {
    const data = JSON.parse(choice.data) as PendingChoice;
    return {
      kind: 'choice',
      providerLabel: data.providerLabel,
      candidates: data.candidates.map((c) => ({
        id: c.id,
        uai: c.uai,
        establishmentName: c.establishmentName,
        lastName: c.lastName,
        firstName: c.firstName,
        profiles: c.profiles,
      })),
    };
  }
  const refusal = await repo.peekState(deps.db, id, 'refusal', at);
  if (!refusal) throw notFound('sso.no_pending');
  const data = JSON.parse(refusal.data) as PendingRefusal;
  return {
    kind: 'refusal',
    uai: data.uai,
    providerLabel: data.providerLabel,
    subject: data.subject,
    reason: data.reason,
    reasonMessage: errorMessage(data.messageCode ?? `sso.refused_${data.reason}`),
    logoutUrl: data.logoutUrl,
  };
}

/** The person picked one of the accounts offered: the choice is used once, the account checked again. */
export async function choosePending(
  deps: Deps,
  ctx: AnonymousContext,
  token: string | undefined,
  candidateId: string,
  input: { userAgent: string | null; previousSessionToken: string | null },
): Promise<SsoOutcome & { kind: 'session' }> {
  if (!isWellFormedToken(token)) throw notFound('sso.no_pending');
  const at = nowIso(ctx.at);
  const id = stateIdOf(token);
  const pending = await repo.peekState(deps.db, id, 'choice', at);
  if (!pending) throw notFound('sso.no_pending');
  const data = JSON.parse(pending.data) as PendingChoice;
  const picked = data.candidates.find((c) => c.id === candidateId);
  if (!picked) throw notFound('sso.candidate_not_found');
  if (!(await repo.consumeState(deps.db, id, 'choice', at))) throw notFound('sso.no_pending');
  const account = await repo.accountById(deps.db, picked.establishmentId, picked.userId);
  const provider = await repo.findProvider(deps.db, picked.establishmentId, picked.providerId);
  if (!account || !provider || provider.enabled !== 1 || !isActive(account, at)) throw notFound('sso.candidate_not_found');
  if (!profilesOfAccount(account).some((p) => providerProfiles(provider).includes(p))) throw notFound('sso.candidate_not_found');
  const outcome = await signIn(deps, ctx, { account, scope: { establishmentId: picked.establishmentId, uai: picked.uai, providerId: picked.providerId }, rule: picked.rule }, data.subject, input);
  if (outcome.kind !== 'session') throw new AppError(409, 'sso.state_invalid');
  return outcome;
}

/** The logout URL of the provider a session came through, if it gives one. */
export async function logoutInfo(deps: Deps, user: { establishmentId: string; ssoProviderId?: string | null } | null) {
  if (!user?.ssoProviderId) return { logoutUrl: null, providerLabel: null };
  const provider = await repo.findProvider(deps.db, user.establishmentId, user.ssoProviderId);
  if (!provider) return { logoutUrl: null, providerLabel: null };
  return { logoutUrl: logoutUrlOf(provider), providerLabel: provider.label };
}

