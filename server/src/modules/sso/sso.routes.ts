import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { casRoutes } from './cas/cas.routes.ts';
import { ssoAdminRoutes } from './sso.admin.routes.ts';
import { ssoPublicRoutes } from './sso.public.routes.ts';
import { samlRoutes } from './saml/saml.routes.ts';
import { oidcRoutes } from './oidc/oidc.routes.ts';
import { identityImportRoutes } from './identity-import/identity-import.routes.ts';

/** Single sign-on (docs/sso.md): provider settings, links, and one file of routes per protocol. */
export async function ssoRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await ssoPublicRoutes(app, deps);
  await ssoAdminRoutes(app, deps);
  await casRoutes(app, deps);
  await samlRoutes(app, deps);
  await oidcRoutes(app, deps);
  await identityImportRoutes(app, deps);
}
