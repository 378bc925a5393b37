import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../deps.ts';

export async function oidcRoutes(_app: FastifyInstance, _deps: Deps): Promise<void> {
  // Filled by the issue that owns this file.
}
