import type { Profile } from '@cerise/common';

/**
 * Who may call a route, declared on every route as `config: { auth }`. A route without a
 * declaration makes the application refuse to start (deny by default); the authorization matrix
 * test reads these.
 */
export type RouteAuth =
  | { public: true }
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
