import { AppError } from '../http/errors.ts';
import { SiecleFileError } from '../modules/siecle/parse/errors.ts';
import { CliError, EXIT_FAILURE, EXIT_REJECTED } from './cli-error.ts';

export { CliError, EXIT_FAILURE, EXIT_OK, EXIT_REJECTED } from './cli-error.ts';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Maps any error to a French message on stderr and an exit code. */
export function reportError(err: unknown): number {
  if (err instanceof CliError) {
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof AppError && err.status < 500) {
    process.stderr.write(`Erreur : ${err.message} (${err.code})${err.code.startsWith('siecle.') && !err.message.includes('Aucune donnée') ? " Aucune donnée n'a été modifiée." : ''}\n`);
    return EXIT_REJECTED;
  }
  if (err instanceof SiecleFileError) {
    process.stderr.write(`Fichier refusé — ${withoutFinalStop(err.message)}. Aucune donnée n'a été modifiée.\n`);
    return EXIT_REJECTED;
  }
  process.stderr.write(`Erreur inattendue : ${err instanceof Error ? err.message : String(err)}\n`);
  return EXIT_FAILURE;
}

/** A message ends with one full stop, never two (« …abîmé ?. » neither). */
function withoutFinalStop(message: string): string {
  return message.replace(/\s*\.+\s*$/, '');
}
