import { listeningUrl, type Config } from './config/config.ts';
import { createApp } from './app.ts';
import { isClusterPrimary, markClusterWorker, servePrimary } from './cluster.ts';
import { createMailDispatcher } from './modules/mail/mail.dispatcher.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_UAI, seedDemoIfEmpty } from './modules/demo/demo.seed.ts';
import { findEstablishmentByUai } from './modules/establishments/establishments.repository.ts';
import { purgeDeparted } from './modules/privacy/privacy.usecases.ts';
import { purgeExpiredInitialPasswords } from './modules/siecle/siecle.passwords.ts';
import { startImportSweeper, sweepImportFiles } from './modules/siecle/siecle.sweep.ts';
import { openRuntime } from './runtime.ts';

/** config → database → migrate → (demo) → createApp(deps).listen */
export async function serve(config: Config): Promise<() => Promise<void>> {
  if (isClusterPrimary(config)) return servePrimary(config);
  const runtime = await openRuntime(config);
  const { deps } = runtime;
  // The worker pool's threads load their code now rather than on the first PDF or import.
  deps.workers.warm();
  const seeded = config.seedDemo ? await seedDemoIfEmpty(deps) : false;
  // CERISE_WEB_DIST: another build of the web application (the e2e suite builds its own).
  const app = await createApp(deps, { logger: { level: config.logLevel === 'info' ? 'warn' : config.logLevel }, webDist: process.env.CERISE_WEB_DIST || undefined });
  markClusterWorker(app);
  const dispatcher = createMailDispatcher(deps);
  // Retention of people who left (off unless set in Paramètres): checked once a day.
  // Kept SIECLE uploads of finished imports (docs/security.md): swept at start-up, then daily.
  const sweep = async () => {
    await sweepImportFiles(deps).catch((err: unknown) => deps.log.error({ err }, 'import files sweep failed'));
    await purgeExpiredInitialPasswords(deps).catch((err: unknown) => deps.log.error({ err }, 'initial passwords purge failed'));
  };
  await sweep();
  const retention = setInterval(() => {
    purgeDeparted(deps, { dryRun: false }).catch((err: unknown) => deps.log.error({ err }, 'retention purge failed'));
    void sweep();
  }, 24 * 3600 * 1000);
  retention.unref();
  const stopImportSweeper = startImportSweeper(deps);
  await app.listen({ port: config.port, host: config.host });

  // PUBLIC_URL when set, else the port really listened on (not the default 3000).
  const address = app.server.address();
  const url = listeningUrl(config, typeof address === 'object' && address !== null ? address.port : config.port);
  const lines = [`Cerise Pro écoute sur ${url} (base : ${deps.engine === 'sqlite' ? runtime.handle.sqlitePath : 'PostgreSQL'})`];
  const hasDemo = await findEstablishmentByUai(deps.db, DEMO_UAI);
  if (hasDemo) {
    lines.push(`Établissement de démonstration${seeded ? ' créé' : ''} : ${url}/${DEMO_UAI}`);
    lines.push(`Identifiants (mot de passe « ${DEMO_PASSWORD} ») :`);
    for (const d of DEMO_LOGINS) lines.push(`  - ${d.login.padEnd(16)} ${d.label}`);
  }
  if (!config.smtpUrl) lines.push('SMTP_URL non défini : les courriels restent en file, lisibles par l’administrateur.');
  console.log(lines.join('\n'));

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    clearInterval(retention);
    stopImportSweeper();
    await dispatcher.stop();
    await app.close();
    await runtime.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return close;
}
