import { AppError } from '../http/errors.ts';
import { SiecleFileError } from '../modules/siecle/parse/errors.ts';
import { CliError, EXIT_FAILURE, EXIT_REJECTED } from './cli-error.ts';

export { CliError, EXIT_FAILURE, EXIT_OK, EXIT_REJECTED } from './cli-error.ts';

/**
 * Prints `JSON.stringify(value, null, 2)` and a newline, the same bytes, written piece by piece:
 * the arrays of an object go element by element. An import report of 16,000 people is a 9 MB
 * document — 18 MB of memory as one string (a single character outside Latin-1 makes it two
 * bytes a character), then as much again as UTF-8 — at the moment the import's memory is at its
 * highest (docs/performance.md, « Import par la ligne de commande »).
 */
export function printJson(value: unknown): void {
  const pieces: string[] = [];
  let size = 0;
  const flush = () => {
    if (pieces.length === 0) return;
    process.stdout.write(pieces.join(''));
    pieces.length = 0;
    size = 0;
  };
  writeJson(value, '', (piece) => {
    pieces.push(piece);
    size += piece.length;
    if (size >= 1 << 16) flush();
  });
  pieces.push('\n');
  flush();
}

/** An array or object JSON.stringify would walk into (no toJSON of its own). */
const walkable = (v: unknown): v is object => typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/** JSON.stringify's text of `value` (indent 2), nested at `indent`: newlines only ever separate tokens. */
const nested = (value: unknown, indent: string): string | undefined => JSON.stringify(value, null, 2)?.replace(/\n/g, `\n${indent}`);

/**
 * `JSON.stringify(value, null, 2)` in pieces: down to `levels` deep, an object's members and an
 * array's elements one by one; below, each as JSON.stringify writes it.
 */
function writeJson(value: unknown, indent: string, emit: (piece: string) => void, levels = 2): void {
  const inner = `${indent}  `;
  if (levels === 0 || !walkable(value)) {
    const text = nested(value, indent);
    if (text !== undefined) emit(text);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]');
    for (let i = 0; i < value.length; i++) {
      emit(`${i === 0 ? '[' : ','}\n${inner}`);
      const element: unknown = value[i];
      if (levels > 1 && walkable(element)) writeJson(element, inner, emit, levels - 1);
      else emit(nested(element, inner) ?? 'null');
    }
    return emit(`\n${indent}]`);
  }
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    const walk = levels > 1 && walkable(member);
    const text = walk ? null : nested(member, inner);
    if (text === undefined) continue; // undefined, functions, symbols: left out, as JSON.stringify does
    emit(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    if (text === null) writeJson(member, inner, emit, levels - 1);
    else emit(text);
  }
  emit(first ? '{}' : `\n${indent}}`);
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
