import { AppError } from '../http/errors.ts';
import { SiecleFileError } from '../modules/siecle/parse/errors.ts';
import { CliError, EXIT_FAILURE, EXIT_REJECTED } from './cli-error.ts';

export { CliError, EXIT_FAILURE, EXIT_OK, EXIT_REJECTED } from './cli-error.ts';

/**
 * Prints `JSON.stringify(value, null, 2)` and a newline, the same bytes, written piece by piece:
 * the arrays of an object go a few hundred elements at a time. An import report of 16,000 people is a 9 MB
 * document — 18 MB of memory as one string (a single character outside Latin-1 makes it two
 * bytes a character), then as much again as UTF-8 — at the moment the import's memory is at its
 * highest (docs/performance.md, « Import par la ligne de commande »).
 */
export function printJson(value: unknown): void {
  if (!walkable(value)) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  writeJson(value, 0, (piece) => process.stdout.write(piece));
  process.stdout.write('\n');
}

/**
 * Prints a JSON document already serialised (an import's report, as stored with its run), and a
 * newline, a megabyte of text at a time: never the whole report again as one UTF-8 buffer.
 */
export function printJsonText(json: string): void {
  for (let i = 0; i < json.length; i += TEXT_PIECE) process.stdout.write(json.slice(i, i + TEXT_PIECE));
  process.stdout.write('\n');
}
const TEXT_PIECE = 1 << 20;

/** Elements of an array written by one JSON.stringify call. */
const ARRAY_PIECE = 500;

/** An array or object JSON.stringify would walk into (no toJSON of its own). */
const walkable = (v: unknown): v is object => typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * JSON.stringify's text (indent 2) of `value` standing `depth` levels deep: written inside that
 * many arrays, then taken out, so JSON.stringify itself indents it (no text is rewritten).
 * `value` is never one JSON leaves out (undefined, a function…): the caller checks.
 */
function stringifyAt(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  const [head, tail] = wrapperEnds(depth);
  return text.slice(head.length, text.length - tail.length);
}

/** Whether JSON.stringify leaves this member of an object out (undefined, a function, a symbol, after toJSON). */
function leftOut(value: unknown, key: string): boolean {
  const v = typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON: (k: string) => unknown }).toJSON(key) : value;
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

const wrapperCache = new Map<number, [string, string]>();
/** What `depth` wrapping arrays add before and after the value's text. */
function wrapperEnds(depth: number): [string, string] {
  let ends = wrapperCache.get(depth);
  if (!ends) {
    let wrapped: unknown = 0;
    for (let i = 0; i < depth; i++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, 2);
    const at = text.indexOf('0');
    ends = [text.slice(0, at), text.slice(at + 1)];
    wrapperCache.set(depth, ends);
  }
  return ends;
}

/**
 * `JSON.stringify(value, null, 2)` in pieces: the top object's members one by one, and the
 * elements of its arrays ARRAY_PIECE at a time; anything else as JSON.stringify writes it.
 */
function writeJson(value: unknown, depth: number, emit: (piece: string) => void): void {
  const indent = '  '.repeat(depth);
  const inner = `${indent}  `;
  if (depth > 1 || !walkable(value)) {
    if (!leftOut(value, '')) emit(stringifyAt(value, depth));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]');
    for (let i = 0; i < value.length; i += ARRAY_PIECE) {
      // The elements inside their array, one level deeper: `[`, newline and indent taken out.
      const text = stringifyAt(value.slice(i, i + ARRAY_PIECE), depth);
      emit(`${i === 0 ? '[' : ','}\n${inner}${text.slice(2 + inner.length, text.length - 1 - indent.length - 1)}`);
    }
    return emit(`\n${indent}]`);
  }
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (leftOut(member, key)) continue; // as JSON.stringify does
    emit(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    writeJson(member, depth + 1, emit);
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
