// Worker entry of the pool (pool.ts) when the server runs from its TypeScript sources: loads the
// task table through tsx, as bin/cerise.mjs does. scripts/build-server.mjs bundles this file (and
// tasks.ts) into server/dist/pool.worker.mjs, where register() does nothing.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./tasks.ts');
export default tasks.default;
