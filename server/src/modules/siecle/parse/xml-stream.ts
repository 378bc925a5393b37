/**
 * A small streaming layer over saxes: the file is decoded and parsed chunk by chunk; only the
 * *records* the caller asks for (one ELEVE, one DIVISION…) are assembled into little element
 * trees, handed over, then dropped. The whole document is never held as a tree.
 *
 * Hardening: any DOCTYPE is refused (so no entity declaration, external entity or billion
 * laughs can exist; saxes itself never expands DTD entities), the input size, nesting depth and
 * record size are bounded, and every parser error becomes a `SiecleFileError` with a French
 * message and the line.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeInChunks, sniffEncoding, type DecodingInfo } from './decode.ts';
import { SiecleFileError, locate } from './errors.ts';
import { MAX_RECORD_ELEMENTS, MAX_RECORD_TEXT, MAX_XML_BYTES, MAX_XML_DEPTH } from './limits.ts';
import type { SiecleWarning, SiecleWarningCode } from './types.ts';

/** One element of a record, with its subtree. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element (not trimmed). */
  text: string;
  /** Line of the opening tag. */
  line: number;
}

export interface XmlRoot {
  name: string;
  attrs: Record<string, string>;
  line: number;
}

export interface XmlStreamOptions {
  fileName: string;
  /**
   * Called at the root element, before anything else. May throw (wrong file type); returning
   * `false` stops parsing there (used to detect the kind of a file cheaply).
   */
  onRoot?: (root: XmlRoot) => boolean | void;
  /**
   * Records to assemble, keyed by their path below the root, e.g. `DONNEES/ELEVES/ELEVE`.
   * Elements elsewhere are streamed past without being kept.
   */
  records?: Record<string, (element: XmlElement) => void>;
  maxBytes?: number;
}

export interface XmlStreamResult {
  decoding: DecodingInfo;
  root: XmlRoot | null;
  /** Encoding repairs (see decode.ts). */
  warnings: SiecleWarning[];
}

const STOP = Symbol('stop');
/**
 * The children of an element that has none yet: one shared, frozen array, replaced by the element's
 * own at its first child. Most elements of a record are leaves; an empty array each was 16 MB of
 * garbage for the 600,000 elements of a 6,000-learner import.
 */
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

export function streamXml(bytes: Uint8Array, options: XmlStreamOptions): XmlStreamResult {
  const { fileName } = options;
  const maxBytes = options.maxBytes ?? MAX_XML_BYTES;
  if (bytes.byteLength === 0) throw new SiecleFileError('siecle.empty_file', fileName, 'le fichier est vide.');
  if (bytes.byteLength > maxBytes) {
    throw new SiecleFileError(
      'siecle.too_large',
      fileName,
      `le fichier dépasse la taille maximale acceptée (${formatMegabytes(maxBytes)}).`,
    );
  }
  const decoding = sniffEncoding(bytes, fileName);
  const warnings: SiecleWarning[] = [];
  if (decoding.repair) warnings.push(encodingWarning(fileName, decoding));

  const records = options.records ?? {};
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  /** Open elements, root first: their names and the lines of their opening tags (two arrays: no object per element). */
  const openNames: string[] = [];
  const openLines: number[] = [];
  /** Path below the root of the innermost open element, e.g. `DONNEES/ELEVES`. */
  const pathParts: string[] = [];
  let root: XmlRoot | null = null;
  let tagLine = 1;
  let lastClosedName: string | null = null;
  let lastClosedLine = 0;
  /** Elements of the record being assembled, outermost first; empty outside records. */
  const building: XmlElement[] = [];
  let buildingHandler: ((e: XmlElement) => void) | null = null;
  let recordElements = 0;
  let recordText = 0;

  parser.on('opentagstart', () => {
    // Fired once the name is read, i.e. after the character that ends it: when that was a
    // newline (`<ITEM⏎ ID="b">`), the tag started on the previous line.
    tagLine = parser.column === 0 ? parser.line - 1 : parser.line;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const line = tagLine;
    if (openNames.length >= MAX_XML_DEPTH) {
      throw new SiecleFileError('siecle.malformed_xml', fileName, `imbrication de balises trop profonde (plus de ${MAX_XML_DEPTH} niveaux).`, line);
    }
    openNames.push(tag.name);
    openLines.push(line);
    if (openNames.length === 1) {
      root = { name: tag.name, attrs: tag.attributes, line };
      if (options.onRoot?.(root) === false) throw STOP;
      return;
    }
    pathParts.push(tag.name);
    if (building.length > 0) {
      if (++recordElements > MAX_RECORD_ELEMENTS) throw recordTooLarge(fileName, building[0]!);
      // saxes gives each tag its own attributes object: kept as is, not copied.
      const element: XmlElement = { name: tag.name, attrs: tag.attributes, children: NO_CHILDREN, text: '', line };
      const parent = building[building.length - 1]!;
      if (parent.children === NO_CHILDREN) parent.children = [element];
      else parent.children.push(element);
      building.push(element);
      return;
    }
    const handler = records[pathParts.join('/')];
    if (handler) {
      buildingHandler = handler;
      recordElements = 1;
      recordText = 0;
      building.push({ name: tag.name, attrs: tag.attributes, children: NO_CHILDREN, text: '', line });
    }
  });
  const onText = (text: string): void => {
    if (building.length === 0) return;
    recordText += text.length;
    if (recordText > MAX_RECORD_TEXT) throw recordTooLarge(fileName, building[0]!);
    building[building.length - 1]!.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (openNames.length > 0) {
      lastClosedName = openNames.pop()!;
      lastClosedLine = openLines.pop()!;
    }
    pathParts.pop();
    if (building.length > 0) {
      const element = building.pop()!;
      if (building.length === 0) {
        const handler = buildingHandler!;
        buildingHandler = null;
        handler(element);
      }
    }
  });
  parser.on('doctype', () => {
    throw doctypeForbidden(fileName, parser.line);
  });
  parser.on('error', (err: Error) => {
    const top = openNames.length > 0 ? { name: openNames[openNames.length - 1]!, line: openLines[openLines.length - 1]! } : undefined;
    const lastClosed = lastClosedName === null ? null : { name: lastClosedName, line: lastClosedLine };
    throw translateSaxesError(err, fileName, parser.line, top, lastClosed, root !== null);
  });

  // Refuse a DOCTYPE as soon as it starts, not when saxes has buffered all of it.
  let beforeRoot = true;
  let prologTail = '';
  let linesFed = 0;
  try {
    decodeInChunks(bytes, decoding, (text) => {
      if (beforeRoot) {
        const probe = prologTail + text;
        const at = probe.indexOf('<!DOCTYPE');
        if (at >= 0) throw doctypeForbidden(fileName, linesFed + 1 + countNewlines(probe, at) - countNewlines(prologTail, prologTail.length));
        prologTail = probe.slice(-8);
        linesFed += countNewlines(text, text.length);
      }
      parser.write(text);
      if (root) beforeRoot = false;
    });
    parser.close();
  } catch (e) {
    if (e === STOP) return { decoding, root, warnings };
    throw e;
  }
  return { decoding, root, warnings };
}

// ---------------------------------------------------------------------------------------------
// Reading records

/** First child with one of `names` (in the order of `names`: new name first, legacy after). */
export function child(element: XmlElement, ...names: string[]): XmlElement | undefined {
  for (const name of names) {
    const found = element.children.find((c) => c.name === name);
    if (found) return found;
  }
  return undefined;
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/**
 * The same text, not pointing into the decoded chunk it was read from. V8 makes a substring of 13
 * characters or more a view of its parent: one e-mail address kept in a parsed record kept the
 * whole 64 KB chunk of the file alive (parsing 6,000 learners held 31 MB instead of 16, copied
 * from one generation to the next by every collection). Concatenation copies it instead.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (` ${text}`).slice(1);
}

/** Trimmed text of an element, `null` when missing or blank. */
export function textOf(element: XmlElement | undefined): string | null {
  if (!element) return null;
  const t = element.text.trim();
  return t === '' ? null : detached(t);
}

/** Trimmed text of the first non-blank child among `names` (in that order). */
export function childText(element: XmlElement, ...names: string[]): string | null {
  for (const name of names) {
    for (const c of element.children) {
      if (c.name !== name) continue;
      const t = textOf(c);
      if (t !== null) return t;
    }
  }
  return null;
}

/** Trimmed attribute, `null` when missing or blank. */
export function attr(element: { attrs: Record<string, string> }, name: string): string | null {
  const v = element.attrs[name];
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : detached(t);
}

/** Walk a path of child names, e.g. `path(e, 'SERVICES', 'SERVICE')` → every SERVICE. */
export function descendants(element: XmlElement, ...names: string[]): XmlElement[] {
  let level: XmlElement[] = [element];
  for (const name of names) level = level.flatMap((e) => childrenNamed(e, name));
  return level;
}

// ---------------------------------------------------------------------------------------------
// Messages

export function makeWarning(
  code: SiecleWarningCode,
  file: string,
  line: number | null,
  reason: string,
  externalId: string | null = null,
): SiecleWarning {
  return { code, message: `${locate(file, line)} : ${reason}`, file, line, externalId };
}

/** Warnings in file order (those without a line first); stable for equal lines. */
export function sortWarnings(warnings: SiecleWarning[]): SiecleWarning[] {
  return warnings
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (a.w.line ?? 0) - (b.w.line ?? 0) || a.i - b.i)
    .map(({ w }) => w);
}

function encodingWarning(fileName: string, decoding: DecodingInfo): SiecleWarning {
  const declared = decoding.declaredEncoding ?? 'UTF-8 (par défaut)';
  const reason =
    decoding.repair === 'declared_single_byte_but_utf8'
      ? `le fichier déclare l'encodage ${declared} mais son contenu est en UTF-8 (il a sans doute été ouvert et réenregistré) ; il a été lu en UTF-8. Vérifiez les accents des noms.`
      : `le fichier déclare l'encodage ${declared} mais son contenu n'est pas de l'UTF-8 valide ; il a été lu en ISO-8859-15. Vérifiez les accents des noms.`;
  return makeWarning('siecle.encoding_repaired', fileName, null, reason);
}

function doctypeForbidden(fileName: string, line: number): SiecleFileError {
  return new SiecleFileError(
    'siecle.doctype_forbidden',
    fileName,
    "le fichier contient une déclaration DOCTYPE, refusée par sécurité (les exports SIECLE et STSWEB n'en ont pas).",
    line,
  );
}

function recordTooLarge(fileName: string, record: XmlElement): SiecleFileError {
  return new SiecleFileError('siecle.too_large', fileName, `l'élément <${record.name}> est anormalement volumineux.`, record.line);
}

function translateSaxesError(
  err: Error,
  fileName: string,
  line: number,
  top: { name: string; line: number } | undefined,
  lastClosed: { name: string; line: number } | null,
  sawRoot: boolean,
): SiecleFileError {
  const raw = err.message.replace(/^\d+:\d+: /, '');
  if (
    !sawRoot &&
    (raw === 'text data outside of root node.' || raw === 'document must contain a root element.' || raw.startsWith('disallowed character'))
  ) {
    return new SiecleFileError(
      'siecle.wrong_file_type',
      fileName,
      "ce fichier n'est pas un fichier XML : un export SIECLE (élèves, responsables) ou STSWEB (sts_emp) est attendu.",
    );
  }
  let reason: string;
  let m: RegExpExecArray | null;
  if (raw === 'unexpected close tag.') {
    reason = lastClosed
      ? `balise fermante inattendue : la balise <${lastClosed.name}> ouverte ligne ${lastClosed.line} n'est pas refermée par la bonne balise.`
      : 'balise fermante inattendue.';
  } else if ((m = /^unmatched closing tag: (.*)\.$/.exec(raw))) {
    reason = `balise fermante </${m[1]}> inattendue : aucune balise <${m[1]}> n'est ouverte.`;
  } else if ((m = /^unclosed tag: (.*)$/.exec(raw))) {
    const open = top && top.name === m[1] ? ` ouverte ligne ${top.line}` : '';
    reason = `fin de fichier inattendue : la balise <${m[1]}>${open} n'est pas refermée (fichier tronqué ?).`;
  } else if (raw === 'unexpected end.') {
    reason = 'fin de fichier inattendue (fichier tronqué ?).';
  } else if (raw === 'document must contain a root element.') {
    reason = "le fichier ne contient aucun élément XML : ce n'est pas un export SIECLE ou STSWEB.";
  } else if (raw === 'text data outside of root node.') {
    reason = "du texte se trouve en dehors de l'élément principal : ce n'est pas un fichier XML valide.";
  } else if (raw === 'documents may contain only one root.') {
    reason = 'le fichier contient plusieurs éléments principaux : ce n\'est pas un fichier XML valide.';
  } else if (raw === 'disallowed character in closing tag.') {
    const name = top ? ` </${top.name}>` : '';
    reason = `balise fermante${name} mal écrite : un caractère en trop se trouve avant le « > » (par exemple « </ELEVES x> » au lieu de « </ELEVES> »).`;
  } else if (raw === 'disallowed character in tag name.' || raw === 'disallowed character in opening tag.') {
    reason = 'balise mal écrite : un caractère interdit se trouve dans son nom.';
  } else if (raw === 'no whitespace between attributes.') {
    reason = 'attributs collés : un espace doit séparer deux attributs.';
  } else if (raw === 'forward-slash in opening tag not followed by >.') {
    reason = 'balise mal écrite : « / » doit être suivi de « > » (« <BALISE/> »).';
  } else if (raw === 'disallowed character.' || raw.startsWith('disallowed character')) {
    reason = 'caractère interdit dans un fichier XML (fichier binaire ou abîmé ?).';
  } else if (raw === 'undefined entity.') {
    reason = 'entité inconnue : seules &amp;, &lt;, &gt;, &quot; et &apos; sont admises.';
  } else if (raw === 'malformed character entity.') {
    reason = 'référence de caractère invalide (&#…;).';
  } else if ((m = /^duplicate attribute: (.*)\.$/.exec(raw))) {
    reason = `attribut ${m[1]} en double.`;
  } else if (raw.includes('attribute')) {
    reason = `attribut mal écrit (${raw})`;
  } else if (raw.includes('XML declaration') || raw.includes('xml declaration')) {
    reason = `déclaration XML (<?xml … ?>) invalide (${raw})`;
  } else {
    reason = `syntaxe XML invalide (${raw})`;
  }
  return new SiecleFileError('siecle.malformed_xml', fileName, reason, line);
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} Mo`;
}
