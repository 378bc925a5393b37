import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import { seedDemoIfEmpty } from './modules/demo/demo.seed.ts';
import { openRuntime } from './runtime.ts';

/**
 * Several app processes behind one port (`WEB_CONCURRENCY`, docs/performance.md « Plusieurs
 * processus »), with node:cluster: the primary migrates the database and seeds the demo once, then
 * forks the workers, which all listen on the same port (the primary hands out the connections in
 * turn). Nothing is shared in memory: sessions, the mail outbox and login throttling are in the
 * database; attachments need shared storage when the processes run on several machines
 * (`STORAGE=s3`). A worker that dies is replaced; SIGTERM/SIGINT stop them all.
 */
export async function servePrimary(config: Config): Promise<() => Promise<void>> {
  const runtime = await openRuntime(config);
  const log = runtime.deps.log;
  try {
    if (config.seedDemo) await seedDemoIfEmpty(runtime.deps);
  } finally {
    await runtime.close();
  }
  let stopping = false;
  const fork = () => cluster.fork({ CERISE_CLUSTER_WORKER: '1' });
  for (let i = 0; i < config.webConcurrency; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error({ pid: worker.process.pid, code, signal }, 'app process exited: starting another');
    fork();
  });
  console.log(`Cerise Pro : ${config.webConcurrency} processus sur ${config.publicUrl} (WEB_CONCURRENCY)`);
  const close = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return close;
}

/** Whether this process is the primary of a cluster to start (rather than an app process). */
export const isClusterPrimary = (config: Config) => config.webConcurrency > 1 && cluster.isPrimary;

/**
 * In an app process of a cluster, answers carry `X-Cerise-Process: <worker number>` (1, 2…, not a
 * pid), so that an operator — and the cluster test — can tell which process answered.
 */
export function markClusterWorker(app: FastifyInstance): void {
  if (!cluster.isWorker || !cluster.worker) return;
  const id = String(cluster.worker.id);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-cerise-process', id);
  });
}
