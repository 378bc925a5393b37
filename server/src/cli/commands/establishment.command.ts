import type { Command } from 'commander';
import { tr } from '../i18n.ts';

export function establishmentCommand(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  const est = program.command('establishment').description(tr('Gérer les établissements', 'Manage establishments'));
  est
    .command('create')
    .description(tr('Créer un établissement et son premier administrateur', 'Create an establishment and its first administrator'))
    .requiredOption('--uai <UAI>', tr('code UAI (7 chiffres + 1 lettre)', 'UAI code (7 digits + 1 letter)'))
    .requiredOption('--name <NAME>', tr("nom de l'établissement", 'establishment name'))
    .option('--email <EMAIL>', tr("adresse électronique de l'établissement", "establishment's e-mail address"))
    .option('--admin-email <EMAIL>', tr("adresse de l'administrateur (identifiants envoyés par courriel)", "administrator's address (credentials are mailed)"))
    .option('--json', tr('sortie JSON', 'JSON output'))
    .action((opts: { uai: string; name: string; email?: string; adminEmail?: string; json?: boolean }) =>
      run(async () => {
        // Imported when the command runs, so `cerise --help` loads none of it (docs/performance.md).
        const [{ withRuntime }, { createEstablishment }, { printJson }, { defaultPublicUrlNote }] = await Promise.all([
          import('../../runtime.ts'),
          import('../../modules/establishments/establishments.usecases.ts'),
          import('../output.ts'),
          import('../../config/config.ts'),
        ]);
        await withRuntime(async (deps) => {
          const result = await createEstablishment(deps, opts);
          if (opts.json) printJson(result);
          else {
            console.log(tr(`Établissement ${result.uai} « ${result.name} » créé.`, `Establishment ${result.uai} "${result.name}" created.`));
            console.log(tr(`Adresse de connexion : ${result.loginUrl}`, `Login address: ${result.loginUrl}`));
            // Without PUBLIC_URL the address is built from PORT here, which may not be the server's.
            const note = defaultPublicUrlNote(deps.config);
            if (note) console.log(`  (${tr(note.fr, note.en)})`);
            console.log(tr(`Administrateur : ${result.admin.login}`, `Administrator: ${result.admin.login}`));
            if (result.mailsQueued > 0) {
              console.log(tr(`${result.mailsQueued} courriels d'identifiants mis en file pour ${result.admin.email}.`, `${result.mailsQueued} credential mails queued for ${result.admin.email}.`));
            } else {
              console.log(tr(`Mot de passe provisoire : ${result.admin.initialPassword} (à changer à la première connexion)`, `Temporary password: ${result.admin.initialPassword} (to change at first login)`));
            }
          }
        });
      }),
    );
}
