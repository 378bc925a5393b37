import type { FastifyRequest } from 'fastify';
import type { AnonymousContext, RequestContext } from '../context.ts';
import type { Deps } from '../deps.ts';
import { currentUser } from './guard.ts';

/** The request context of a guarded route (the guard guarantees the user). */
export function requestContext(request: FastifyRequest, deps: Deps): RequestContext {
  const actor = currentUser(request);
  return { actor, establishmentId: actor.establishmentId, ip: request.ip ?? null, at: deps.now() };
}

/** The context of a public route: the caller's address and the time, no actor. */
export function anonymousContext(request: FastifyRequest, deps: Deps): AnonymousContext {
  return { ip: request.ip ?? null, at: deps.now() };
}
