import { fr, type Catalogue } from './fr.ts';

/** A message with a singular and a plural form; `t` chooses with the `count` parameter. */
type Plural = { readonly one: string; readonly other: string };
type Leaf = string | Plural;

/** Every dotted key of the catalogue that leads to a message: 'auth.login.title'… */
type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends Leaf ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Paths<Catalogue>;

type At<T, K extends string> = K extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? At<T[H], R>
    : never
  : K extends keyof T
    ? T[K]
    : never;

type ParamNames<S> = S extends `${string}{${infer N}}${infer R}` ? N | ParamNames<R> : never;
type ParamValue = string | number;

/** The parameters a message needs, read from its `{placeholders}`. */
export type MessageParams<K extends MessageKey> =
  At<Catalogue, K> extends infer V
    ? V extends Plural
      ? { count: number } & Record<ParamNames<V['one'] | V['other']>, ParamValue>
      : Record<ParamNames<V>, ParamValue>
    : never;

type ParamsArg<K extends MessageKey> = keyof MessageParams<K> extends never
  ? [params?: undefined]
  : [params: MessageParams<K>];

const pluralRules = new Intl.PluralRules('fr-FR');
const numberFormat = new Intl.NumberFormat('fr-FR');

function lookup(key: string): unknown {
  let node: unknown = fr;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function isPlural(v: unknown): v is Plural {
  return typeof v === 'object' && v !== null && 'one' in v && 'other' in v;
}

/** Replaces `{name}` placeholders; numbers are written the French way (1 234). */
export function interpolate(template: string, params?: Record<string, ParamValue>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

/** The French text of a catalogue key, with its parameters filled in. */
export function t<K extends MessageKey>(key: K, ...args: ParamsArg<K>): string {
  const params = args[0] as Record<string, ParamValue> | undefined;
  const entry = lookup(key);
  if (typeof entry === 'string') return interpolate(entry, params);
  if (isPlural(entry)) {
    const count = typeof params?.count === 'number' ? params.count : 0;
    return interpolate(pluralRules.select(count) === 'one' ? entry.one : entry.other, params);
  }
  // Unreachable with a typed key; never show a raw key to a user in production.
  if (import.meta.env.DEV) console.error(`Message manquant dans le catalogue : ${key}`);
  return '';
}
