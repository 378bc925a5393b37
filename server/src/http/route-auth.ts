import type { Profile } from '@cerise/common';

/**
 * Who may call a route, declared on every route as `config: { auth }`. A route without a
 * declaration makes the application refuse to start (deny by default); the authorization matrix
 * test reads these.
 */
export type RouteAuth =
  | {
      public: true;
      /**
       * Another site's page posts here (the SAML HTTP-POST binding to the ACS, docs/sso.md): the
       * Origin check on state changes is skipped. Such a route must verify what it receives itself.
       */
      crossSite?: true;
    }
  /** A file of the web application (no session read, no state change). */
  | { asset: true }
  | {
      /** Profiles allowed; empty or absent = any signed-in user. */
      profiles?: Profile[];
      /** Allowed while the user must still change the initial password (me, logout, password). */
      allowPendingPasswordChange?: boolean;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}
