import type { Command } from 'commander';
// The profiles alone (no schema library): declaring the commands stays light (docs/performance.md).
import { PROFILES, type Profile } from '@cerise/common/profiles';
import { CliError } from '../cli-error.ts';
import { tr } from '../i18n.ts';

export function usersCommand(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  const users = program.command('users').description(tr('Consulter les utilisateurs', 'Inspect users'));
  users
    .command('list')
    .description(tr("Lister les utilisateurs d'un établissement", "List an establishment's users"))
    .requiredOption('--uai <UAI>', tr('code UAI', 'UAI code'))
    .option('--profile <PROFILE>', tr(`profil : ${PROFILES.join(', ')}`, `profile: ${PROFILES.join(', ')}`))
    .option('--include-hidden', tr('inclure les comptes masqués', 'include hidden accounts'))
    .option('--json', tr('sortie JSON', 'JSON output'))
    .action((opts: { uai: string; profile?: string; includeHidden?: boolean; json?: boolean }) =>
      run(async () => {
        if (opts.profile && !PROFILES.includes(opts.profile as Profile)) {
          throw new CliError(tr(`Profil inconnu « ${opts.profile} » (attendu : ${PROFILES.join(', ')}).`, `Unknown profile "${opts.profile}" (expected: ${PROFILES.join(', ')}).`));
        }
        // Imported when the command runs, so `cerise --help` loads none of it (docs/performance.md).
        const [{ withRuntime }, { exportUsers }, { printJson }] = await Promise.all([import('../../runtime.ts'), import('../../modules/users/users.usecases.ts'), import('../output.ts')]);
        await withRuntime(async (deps) => {
          const list = await exportUsers(deps, opts.uai, {
            ...(opts.profile ? { profile: opts.profile as Profile } : {}),
            includeHidden: Boolean(opts.includeHidden),
          });
          if (opts.json) printJson(list);
          else for (const u of list) console.log(`${u.login.padEnd(22)} ${u.profiles.join(',').padEnd(14)} ${u.lastName} ${u.firstName}${u.hidden ? tr(' (masqué)', ' (hidden)') : ''}`);
        });
      }),
    );
}
