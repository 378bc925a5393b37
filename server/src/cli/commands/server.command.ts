import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { migrateToLatest } from '../../db/migrations/index.ts';
import { resetDatabase } from '../../db/reset.ts';
import { withRuntime } from '../../runtime.ts';
import { tr } from '../i18n.ts';
import { CliError } from '../output.ts';

export function serverCommands(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('serve')
    .description(tr("Démarrer le serveur web (migre la base, crée la démo sur une base vide)", 'Start the web server (migrates, seeds the demo on an empty database)'))
    .action(() =>
      run(async () => {
        const { serve } = await import('../../main.ts'); // the web server's modules load only for `serve`
        await serve(loadConfig());
        await new Promise(() => {}); // until a signal stops the process
      }),
    );
  program
    .command('migrate')
    .description(tr('Appliquer les migrations de la base de données', 'Run the database migrations'))
    .action(() =>
      run(async () => {
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
        await withRuntime(async (deps) => {
          await resetDatabase(deps.db, deps.engine);
          await migrateToLatest(deps.db);
          console.log(tr('Base effacée et migrée.', 'Database erased and migrated.'));
        }, { migrate: false });
      }),
    );
}
