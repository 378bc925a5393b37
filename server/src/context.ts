import type { SessionUser } from './modules/auth/auth.presenter.ts';

/**
 * What a use case knows about the request it serves: who acts, in which establishment, from
 * which address, and when. Routes build it with `requestContext(request, deps)`
 * (http/request-context.ts); use cases never see HTTP.
 */
export type RequestContext = {
  actor: SessionUser;
  establishmentId: string;
  ip: string | null;
  at: Date;
};
