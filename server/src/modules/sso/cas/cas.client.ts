import type { CasSettings } from '@cerise/common';
import { parseCasAnswer, type CasAnswer } from './cas.response.ts';

/*
 * CAS 2/3 against the ENT's server (docs/sso.md « CAS »): the login redirect and the server-side
 * validation of a ticket, once, with the exact service URL given at login. HTTPS only, except on
 * the loopback (tests, development), enforced by the settings' schema and again here. A fixed
 * User-Agent: some ENTs (Kosmos) refuse requests without one.
 */

export const CAS_USER_AGENT = 'CerisePro-CAS/1.0 (+https://github.com/cerise-pro)';
const TIMEOUT_MS = 10_000;

export class CasUnreachableError extends Error {}

function joinUrl(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${path}`;
}

function assertSecure(url: string): void {
  const u = new URL(url);
  const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw new CasUnreachableError(`refused non-HTTPS CAS URL ${u.origin}`);
}

/** Where the browser goes to sign in: `<server><loginPath>?service=<exact service URL>`. */
export function casLoginUrl(settings: Pick<CasSettings, 'serverUrl' | 'loginPath'>, service: string): string {
  return `${joinUrl(settings.serverUrl, settings.loginPath)}?service=${encodeURIComponent(service)}`;
}

/** `<server><validatePath>?service=…&ticket=…` with the same service URL as at login. */
export function casValidateUrl(settings: Pick<CasSettings, 'serverUrl' | 'validatePath'>, service: string, ticket: string): string {
  return `${joinUrl(settings.serverUrl, settings.validatePath)}?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`;
}

/** Validates a ticket with one GET and reads the answer; network trouble → CasUnreachableError. */
export async function validateTicket(settings: Pick<CasSettings, 'serverUrl' | 'validatePath'>, service: string, ticket: string): Promise<CasAnswer> {
  const url = casValidateUrl(settings, service, ticket);
  assertSecure(url);
  let body: string;
  try {
    const res = await fetch(url, {
      headers: { 'User-Agent': CAS_USER_AGENT, Accept: 'application/xml, text/xml' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new CasUnreachableError(`CAS answered HTTP ${res.status}`);
    body = await res.text();
  } catch (e) {
    if (e instanceof CasUnreachableError) throw e;
    throw new CasUnreachableError((e as Error).message);
  }
  return parseCasAnswer(body);
}
