import type { AnonymousContext } from '../../../context.ts';
import type { Deps } from '../../../deps.ts';
import { nowIso } from '../../../util/ids.ts';
import { buildAssertion } from '../sso.attributes.ts';
import { completeSsoLogin, refuseSso, startSsoLogin, type SsoOutcome } from '../sso.login.usecases.ts';
import { attributeMapOf, casSettings, providerUrls } from '../sso.providers.ts';
import * as repo from '../sso.repository.ts';
import { isWellFormedToken, newStateToken, stateIdOf } from '../sso.tokens.ts';
import { casLoginUrl, CasUnreachableError, validateTicket } from './cas.client.ts';
import { CasAnswerError } from './cas.response.ts';

/** A CAS login must come back within this time. */
const CAS_STATE_TTL_MS = 10 * 60 * 1000;

/** Starts a CAS login: a state bound to this browser, and the CAS server's login URL with the exact service URL. */
export async function startCasLogin(deps: Deps, ctx: AnonymousContext, uai: string, providerId: string): Promise<{ redirectUrl: string; stateToken: string }> {
  const target = await startSsoLogin(deps, uai, providerId, 'cas');
  const settings = casSettings(target.provider);
  const service = providerUrls(deps.config.publicUrl, target.establishment.uai, target.provider).serviceUrl!;
  const { token, id } = newStateToken();
  const at = nowIso(ctx.at);
  await repo.createState(deps.db, {
    id,
    establishment_id: target.establishment.id,
    provider_id: target.provider.id,
    purpose: 'cas',
    data: JSON.stringify({ service }),
    created_at: at,
    expires_at: nowIso(new Date(ctx.at.getTime() + CAS_STATE_TTL_MS)),
  });
  return { redirectUrl: casLoginUrl(settings, service), stateToken: token };
}

export type CasCallbackInput = {
  uai: string;
  providerId: string;
  ticket: string | undefined;
  stateToken: string | undefined;
  userAgent: string | null;
  previousSessionToken: string | null;
};

/**
 * The CAS server sent the browser back with a ticket: the state started in this browser is used
 * once, the ticket validated server-side with the service URL stored at login, then matching.
 */
export async function finishCasLogin(deps: Deps, ctx: AnonymousContext, input: CasCallbackInput): Promise<SsoOutcome> {
  const target = await startSsoLogin(deps, input.uai, input.providerId, 'cas');
  const at = nowIso(ctx.at);
  const refuse = (detail: string, messageCode: string) => refuseSso(deps, ctx, { ...target, subject: null, reason: 'protocol', detail, messageCode });

  const state = isWellFormedToken(input.stateToken) ? await repo.consumeState(deps.db, stateIdOf(input.stateToken), 'cas', at) : undefined;
  if (!state || state.provider_id !== target.provider.id || state.establishment_id !== target.establishment.id) {
    return refuse('state_invalid', 'sso.state_invalid');
  }
  const ticket = input.ticket?.trim();
  if (!ticket || ticket.length > 256 || !/^[\x21-\x7e]+$/.test(ticket)) return refuse('ticket_missing', 'sso.cas_ticket_missing');
  const { service } = JSON.parse(state.data) as { service: string };

  let answer;
  try {
    answer = await validateTicket(casSettings(target.provider), service, ticket);
  } catch (e) {
    if (e instanceof CasUnreachableError) {
      deps.log.warn({ err: e.message, provider: target.provider.id }, 'sso.cas_unreachable');
      return refuse('unreachable', 'sso.cas_unreachable');
    }
    if (e instanceof CasAnswerError) {
      deps.log.warn({ err: e.message, provider: target.provider.id }, 'sso.cas_bad_answer');
      return refuse('bad_answer', 'sso.cas_bad_answer');
    }
    throw e;
  }
  if (answer.kind === 'failure') {
    const code = answer.code.toUpperCase();
    const messageCode = code === 'INVALID_SERVICE' ? 'sso.cas_invalid_service' : 'sso.cas_invalid_ticket';
    return refuse(code.slice(0, 60), messageCode);
  }
  const assertion = buildAssertion('cas', answer.user, answer.attributes, attributeMapOf(target.provider));
  return completeSsoLogin(deps, ctx, { ...target, assertion, userAgent: input.userAgent, previousSessionToken: input.previousSessionToken });
}
