import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { resolveSession } from '../modules/auth/auth.usecases.ts';
import type { SessionUser } from '../modules/auth/auth.presenter.ts';
import { AppError, badRequest, forbidden, unauthenticated } from './errors.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import './route-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, resolved for every /api request that carries a session cookie. */
    user: SessionUser | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function allowedOrigins(deps: Deps, request: FastifyRequest): Set<string> {
  const set = new Set<string>([new URL(deps.config.publicUrl).origin]);
  const host = request.headers.host;
  if (host) {
    set.add(`http://${host}`);
    set.add(`https://${host}`);
  }
  return set;
}

/**
 * Installs the request guard. It decides from the MATCHED route's own `config.auth`, never from
 * the address as written (`/%61pi/…`, `//api`, `/API/…` reach the same handlers): session
 * resolution, the Origin check on state changes, then the rule — public, or a session with one
 * of the profiles. Every route must declare a rule (see `requireAuthRule`): deny by default.
 */
export function installGuard(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.url) return; // unknown address: the 404 handler answers
    const auth = request.routeOptions.config.auth;
    if (!auth) throw forbidden(); // unreachable: requireAuthRule refuses such routes at start
    if ('asset' in auth) return; // the web application's files: no session, no state change

    const token = request.cookies[SESSION_COOKIE];
    request.user = token ? await resolveSession(deps, token) : null;

    if (!SAFE_METHODS.has(request.method) && !('public' in auth && auth.crossSite)) {
      const origin = request.headers.origin;
      if (origin !== undefined) {
        if (!allowedOrigins(deps, request).has(origin)) throw new AppError(403, 'auth.origin_mismatch');
      } else if (token) {
        // A browser always sends Origin on a cross-site state change; a cookie without Origin is refused.
        throw new AppError(403, 'auth.origin_mismatch');
      }
    }

    if ('public' in auth) return;
    if (!request.user) throw unauthenticated();
    if (request.user.mustChangePassword && !auth.allowPendingPasswordChange) {
      throw forbidden('auth.password_change_required');
    }
    const profiles = auth.profiles;
    if (profiles && profiles.length > 0 && !profiles.some((p) => request.user!.profiles.includes(p))) {
      throw forbidden();
    }
  });

  // Answers of the API carry personal data: never cached, unless a route says otherwise.
  app.addHook('onSend', async (request, reply, payload) => {
    const auth = request.routeOptions.config?.auth;
    if (auth && !('asset' in auth) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/**
 * Deny by default: a route registered without `config.auth` makes the application refuse to
 * start. Call from an `onRoute` hook.
 */
export function requireAuthRule(route: { method: string | string[]; url: string; config?: { auth?: unknown } }): void {
  if (!route.config?.auth) {
    const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
    throw new Error(`route ${methods} ${route.url} declares no auth rule (config.auth): every route must say who may call it`);
  }
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/**
 * NUL characters have no place in any field, and PostgreSQL cannot store them in text: refuse
 * them everywhere before a handler runs (400, never a 500 from the driver).
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.params) || hasNul(request.query) || hasNul(request.body)) {
      throw badRequest('common.validation', 'Les données envoyées contiennent un caractère nul, qui n’est pas accepté.');
    }
  });
}

/** The signed-in user of a guarded route (the guard guarantees it). */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthenticated();
  return request.user;
}
