import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { tr } from '../i18n.ts';

// Each action imports what it runs, so `cerise --help` loads none of it (docs/performance.md).

export function serverCommands(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('serve')
    .description(tr("Démarrer le serveur web (migre la base, crée la démo sur une base vide)", 'Start the web server (migrates, seeds the demo on an empty database)'))
    .action(() =>
      run(async () => {
        const [{ serve }, { loadConfig }] = await Promise.all([import('../../main.ts'), import('../../config/config.ts')]);
        await serve(loadConfig());
        await new Promise(() => {}); // until a signal stops the process
      }),
    );
  program
    .command('migrate')
    .description(tr('Appliquer les migrations de la base de données', 'Run the database migrations'))
    .action(() =>
      run(async () => {
        const [{ withRuntime }, { migrateToLatest }] = await Promise.all([import('../../runtime.ts'), import('../../db/migrations/index.ts')]);
        await withRuntime(async (deps) => {
          const applied = await migrateToLatest(deps.db);
          console.log(applied.length ? tr(`Migrations appliquées : ${applied.join(', ')}`, `Applied: ${applied.join(', ')}`) : tr('Base déjà à jour.', 'Database already up to date.'));
        }, { migrate: false });
      }),
    );
  const db = program.command('db').description(tr('Entretien de la base', 'Database maintenance'));
  db.command('reset')
    .description(tr('Effacer toutes les données (développement)', 'Erase all data (development)'))
    .option('--yes', tr('confirmer', 'confirm'))
    .action((opts: { yes?: boolean }) =>
      run(async () => {
        if (!opts.yes) throw new CliError(tr('Ajoutez --yes pour confirmer l’effacement de toutes les données.', 'Add --yes to confirm erasing all data.'));
        const [{ withRuntime }, { migrateToLatest }, { resetDatabase }] = await Promise.all([import('../../runtime.ts'), import('../../db/migrations/index.ts'), import('../../db/reset.ts')]);
        await withRuntime(async (deps) => {
          await resetDatabase(deps.db, deps.engine);
          await migrateToLatest(deps.db);
          console.log(tr('Base effacée et migrée.', 'Database erased and migrated.'));
        }, { migrate: false });
      }),
    );
}
