import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';

/** HTTP routes of the dashboard module: validate, call a use case, present. */
export async function dashboardRoutes(_app: FastifyInstance, _deps: Deps): Promise<void> {}
