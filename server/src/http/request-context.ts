import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../context.ts';
import type { Deps } from '../deps.ts';
import { currentUser } from './guard.ts';

/** The request context of a guarded route (the guard guarantees the user). */
export function requestContext(request: FastifyRequest, deps: Deps): RequestContext {
  const actor = currentUser(request);
  return { actor, establishmentId: actor.establishmentId, ip: request.ip ?? null, at: deps.now() };
}
