import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config.ts';
import { SESSION_COOKIE, setSessionCookie } from '../../http/session-cookie.ts';
import type { SsoOutcome } from './sso.login.usecases.ts';

/*
 * The browser side of an SSO login (docs/sso.md): the cookie that binds a protocol state to the
 * browser that started it (login CSRF), the cookie of a pending choice or refusal, and the redirect
 * that ends every callback.
 */

/** The state of a login started in this browser (CAS, OIDC): checked at the callback. */
export const SSO_STATE_COOKIE = 'cerise_sso_state';
/** A pending multi-account choice or a refusal to show, read by `/api/v1/auth/sso/choose`. */
export const SSO_PENDING_COOKIE = 'cerise_sso_pending';
const COOKIE_PATH = '/api/v1/auth/sso';

const options = (config: Config, maxAgeSeconds: number) => ({
  path: COOKIE_PATH,
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.secureCookies,
  maxAge: maxAgeSeconds,
});

export function setStateCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SSO_STATE_COOKIE, token, options(config, 10 * 60));
}

export function takeStateCookie(request: FastifyRequest, reply: FastifyReply, config: Config): string | undefined {
  const token = request.cookies[SSO_STATE_COOKIE];
  if (token !== undefined) reply.clearCookie(SSO_STATE_COOKIE, options(config, 0));
  return token;
}

export function pendingToken(request: FastifyRequest): string | undefined {
  return request.cookies[SSO_PENDING_COOKIE];
}

export function clearPendingCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SSO_PENDING_COOKIE, options(config, 0));
}

/** What an SSO route needs from the request to open a session. */
export function sessionInput(request: FastifyRequest) {
  return { userAgent: request.headers['user-agent'] ?? null, previousSessionToken: request.cookies[SESSION_COOKIE] ?? null };
}

/** Ends an SSO callback: a session and the home page, or the choice/refusal page of the establishment. */
export function replyWithOutcome(reply: FastifyReply, config: Config, outcome: SsoOutcome): FastifyReply {
  if (outcome.kind === 'session') {
    setSessionCookie(reply, config, outcome.token);
    clearPendingCookie(reply, config);
    return reply.redirect(`/${encodeURIComponent(outcome.uai)}/accueil`, 303);
  }
  reply.setCookie(SSO_PENDING_COOKIE, outcome.pendingToken, options(config, 15 * 60));
  return reply.redirect(`/${encodeURIComponent(outcome.uai)}/connexion-ent`, 303);
}
