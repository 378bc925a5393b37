import type { Profile } from '@cerise/common';

/** The signed-in user as routes and use cases see it (built by the auth module from a session). */
export type SessionUser = {
  sessionId: string;
  id: string;
  establishmentId: string;
  uai: string;
  establishmentName: string;
  login: string;
  civility: string | null;
  lastName: string;
  firstName: string;
  email: string | null;
  birthDate: string | null;
  profiles: Profile[];
  mustChangePassword: boolean;
  /** Set when the session was opened through an SSO provider (docs/sso.md). */
  ssoProviderId?: string | null;
};

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

/** What a public route (login, logout, password reset) knows: an address and a time, no actor. */
export type AnonymousContext = Pick<RequestContext, 'ip' | 'at'>;
