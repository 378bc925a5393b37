import { Command, CommanderError } from 'commander';
import { backupCommands } from './commands/backup.command.ts';
import { establishmentCommand } from './commands/establishment.command.ts';
import { importCommand } from './commands/import.command.ts';
import { seedCommand } from './commands/seed.command.ts';
import { serverCommands } from './commands/server.command.ts';
import { usersCommand } from './commands/users.command.ts';
import { tr } from './i18n.ts';
import { EXIT_FAILURE, EXIT_OK } from './cli-error.ts';

/** Maps an error to its message and exit code; loaded only when a command fails. */
async function reportError(err: unknown): Promise<number> {
  const [{ ConfigError }, output] = await Promise.all([import('../config/config.ts'), import('./output.ts')]);
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    return EXIT_FAILURE;
  }
  return output.reportError(err);
}

/**
 * Runs the `cerise` command line; resolves to the exit code. Declaring the commands loads only
 * commander: each command imports what it runs when it runs (docs/performance.md).
 */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      exitCode = await reportError(err);
    }
  };
  const program = new Command('cerise')
    .description(tr('Cerise Pro — commandes d’administration', 'Cerise Pro — administration commands'))
    .helpOption('-h, --help', tr('afficher l’aide', 'display help'))
    .addHelpCommand('help [command]', tr('afficher l’aide d’une commande', 'display help for a command'))
    .showHelpAfterError()
    .exitOverride();
  serverCommands(program, run);
  establishmentCommand(program, run);
  usersCommand(program, run);
  importCommand(program, run);
  backupCommands(program, run);
  seedCommand(program, run);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : 2;
    return reportError(err);
  }
  return exitCode;
}
