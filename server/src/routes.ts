import type { FastifyInstance } from 'fastify';
import type { Deps } from './deps.ts';
import { accountRoutes } from './modules/account/account.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { siecleRoutes } from './modules/siecle/siecle.routes.ts';
import { privacyRoutes } from './modules/privacy/privacy.routes.ts';
import { referentialRoutes } from './modules/referentials/referentials.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { accessRoutes } from './modules/access/access.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { passwordResetRoutes } from './modules/password-reset/password-reset.routes.ts';
import { scenariosRoutes } from './modules/scenarios/scenarios.routes.ts';
import { evaluationsRoutes } from './modules/evaluations/evaluations.routes.ts';
import { passportRoutes } from './modules/passport/passport.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { ssoRoutes } from './modules/sso/sso.routes.ts';

/** Every module's routes. Each route declares `config.auth` (see http/route-auth.ts). */
export async function registerModules(app: FastifyInstance, deps: Deps): Promise<void> {
  await healthRoutes(app, deps);
  await authRoutes(app, deps);
  await accountRoutes(app, deps);
  await siecleRoutes(app, deps);
  await privacyRoutes(app, deps);
  await referentialRoutes(app, deps);
  await settingsRoutes(app, deps);
  await usersRoutes(app, deps);
  await accessRoutes(app, deps);
  await auditRoutes(app, deps);
  await mailRoutes(app, deps);
  await passwordResetRoutes(app, deps);
  await scenariosRoutes(app, deps);
  await evaluationsRoutes(app, deps);
  await passportRoutes(app, deps);
  await dashboardRoutes(app, deps);
  await ssoRoutes(app, deps);
}
