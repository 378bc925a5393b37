import type { Command } from 'commander';
import { tr } from '../i18n.ts';

// Each action imports what it runs, so `cerise --help` loads none of it (docs/performance.md).

export function backupCommands(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('backup')
    .description(tr('Sauvegarder la base et les pièces jointes dans un fichier ZIP (service en marche possible)', 'Back up the database and attachments to a ZIP file (the service may keep running)'))
    .argument('<FILE>', tr('fichier de sauvegarde à écrire', 'backup file to write'))
    .action((file: string) =>
      run(async () => {
        const [{ withRuntime }, { writeBackup }] = await Promise.all([import('../../runtime.ts'), import('../../modules/backup/backup.ts')]);
        await withRuntime(async (deps) => {
          const m = await writeBackup(deps, file);
          const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
          console.log(tr(`Sauvegarde écrite : ${file} (${rows} lignes, ${m.files} fichiers)`, `Backup written: ${file} (${rows} rows, ${m.files} files)`));
        });
      }),
    );
  program
    .command('restore')
    .description(tr('Restaurer une sauvegarde dans une base vide (ou --replace)', 'Restore a backup into an empty database (or --replace)'))
    .argument('<FILE>', tr('fichier de sauvegarde', 'backup file'))
    .option('--replace', tr('remplacer toutes les données existantes', 'replace all existing data'))
    .action((file: string, opts: { replace?: boolean }) =>
      run(async () => {
        const [{ withRuntime }, { restoreBackup }] = await Promise.all([import('../../runtime.ts'), import('../../modules/backup/restore.ts')]);
        await withRuntime(async (deps) => {
          const m = await restoreBackup(deps, file, { replace: Boolean(opts.replace) });
          const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
          console.log(tr(`Sauvegarde du ${m.createdAt} restaurée (${rows} lignes, ${m.files} fichiers).`, `Backup of ${m.createdAt} restored (${rows} rows, ${m.files} files).`));
        });
      }),
    );
  program
    .command('purge')
    .description(tr('Supprimer définitivement les personnes parties depuis plus longtemps que la durée de conservation (Paramètres)', 'Delete for good the people who left longer ago than the retention setting'))
    .option('--dry-run', tr('lister sans supprimer', 'list without deleting'))
    .action((opts: { dryRun?: boolean }) =>
      run(async () => {
        const [{ withRuntime }, { purgeDeparted }] = await Promise.all([import('../../runtime.ts'), import('../../modules/privacy/privacy.usecases.ts')]);
        await withRuntime(async (deps) => {
          const result = await purgeDeparted(deps, { dryRun: Boolean(opts.dryRun) });
          if (result.length === 0) console.log(tr('Rien à supprimer (conservation illimitée par défaut).', 'Nothing to delete (kept forever by default).'));
          for (const r of result) console.log(`${r.uai} : ${r.logins.length} ${opts.dryRun ? tr('à supprimer', 'to delete') : tr('supprimés', 'deleted')} (${r.logins.slice(0, 10).join(', ')}${r.logins.length > 10 ? '…' : ''})`);
        });
      }),
    );
}
