import { SaxesParser, type SaxesTagNS } from 'saxes';

/*
 * Reads a CAS 2/3 `serviceValidate` answer (docs/sso.md « CAS »): the user and the attributes of an
 * `authenticationSuccess`, or the code of an `authenticationFailure`. Attribute shapes vary between
 * servers (docs/sso.md « Pièges connus »), all read the same way:
 * - CAS 3: `<cas:attributes><cas:nom>Durand</cas:nom><cas:classe>A</cas:classe><cas:classe>B</cas:classe></cas:attributes>`;
 * - Jasig-style: `<cas:attribute name="nom" value="Durand"/>` (or the value as text);
 * - attributes straight under `authenticationSuccess` (older CAS 2 servers).
 * Values joined by `;` are split later, with every other protocol's (sso.attributes.ts).
 * No DOCTYPE (no entity expansion), bounded size and depth.
 */

export type CasAnswer =
  | { kind: 'success'; user: string; attributes: Record<string, string[]> }
  | { kind: 'failure'; code: string; message: string };

export class CasAnswerError extends Error {}

const MAX_BYTES = 1_000_000;
const MAX_DEPTH = 16;
const RESERVED = new Set(['user', 'proxyGrantingTicket', 'proxies', 'proxy', 'attributes']);

export function parseCasAnswer(xml: string): CasAnswer {
  if (xml.length > MAX_BYTES) throw new CasAnswerError('answer too large');
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  let text = '';
  let user: string | null = null;
  let failure: { code: string; message: string } | null = null;
  let success = false;
  let serviceResponse = false;
  const attributes: Record<string, string[]> = {};
  /** A Jasig `<cas:attribute name="…">` waiting for its text value. */
  let pendingName: string | null = null;
  const add = (name: string, value: string) => {
    const v = value.trim();
    if (!name || !v) return;
    (attributes[name] ??= []).push(v);
  };

  parser.on('doctype', () => {
    throw new CasAnswerError('DOCTYPE refused');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= MAX_DEPTH) throw new CasAnswerError('too deep');
    const name = tag.local;
    stack.push(name);
    text = '';
    if (stack.length === 1) serviceResponse = name === 'serviceResponse';
    if (stack.length === 2 && name === 'authenticationSuccess') success = true;
    if (stack.length === 2 && name === 'authenticationFailure') failure = { code: tag.attributes.code?.value ?? 'UNKNOWN', message: '' };
    if (success && name === 'attribute') {
      const attrName = tag.attributes.name?.value ?? '';
      const value = tag.attributes.value?.value;
      if (value !== undefined) add(attrName, value);
      else pendingName = attrName;
    }
  });
  const onText = (t: string) => {
    text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const name = stack.pop() ?? '';
    const depth = stack.length; // depth of the closed element's parent
    const parent = stack[depth - 1];
    if (success && depth === 2 && name === 'user') user = text.trim();
    else if (failure && depth === 1 && name === 'authenticationFailure') failure.message = text.trim().slice(0, 500);
    else if (success && name === 'attribute') {
      if (pendingName !== null) add(pendingName, text);
      pendingName = null;
    } else if (success && depth >= 2 && !RESERVED.has(name) && (parent === 'attributes' || (depth === 2 && parent === 'authenticationSuccess'))) {
      add(name, text);
    }
    text = '';
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof CasAnswerError) throw e;
    throw new CasAnswerError(`malformed XML: ${(e as Error).message}`);
  }
  if (!serviceResponse) throw new CasAnswerError('not a CAS serviceResponse');
  if (failure) return { kind: 'failure', ...(failure as { code: string; message: string }) };
  if (success && user) return { kind: 'success', user, attributes };
  throw new CasAnswerError('neither success nor failure');
}
