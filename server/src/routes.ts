import type { FastifyInstance } from 'fastify';
import type { Deps } from './deps.ts';
import { accountRoutes } from './modules/account/account.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';

/** Every module's routes. Each route declares `config.auth` (see http/route-auth.ts). */
export async function registerModules(app: FastifyInstance, deps: Deps): Promise<void> {
  await healthRoutes(app, deps);
  await authRoutes(app, deps);
  await accountRoutes(app, deps);
}
