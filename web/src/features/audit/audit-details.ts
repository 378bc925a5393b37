import { PROFILES, SIECLE_IMPORT_COUNT_KINDS, type Profile, type SiecleImportCountKind, auditActionLabel } from '@cerise/common';
import { fr } from '../../app/i18n/fr.ts';
import { interpolate, t } from '../../app/i18n/t.ts';

/*
 * The `details` of an audit entry, said in French: one line per key, known keys named, values
 * made readable. Unknown keys (modules that land later) still show, with their raw name.
 */

const words = fr.audit.details;
const KEY_LABELS: Record<string, string> = words.keys;
const FIELD_LABELS: Record<string, string> = words.fields;
const VALUE_LABELS: Record<string, string> = words.values;

/** `postal_code` (a column name, as older entries stored it) is looked up as `postalCode`. */
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const labelOf = (labels: Record<string, string>, key: string) => labels[key] ?? labels[camel(key)] ?? key;
/** Keys whose empty list reads « aucune » (feminine nouns). */
const FEMININE_KEYS = new Set(['classes', 'changedCompetencies']);

/** The counts of an import (`{ divisions, groups, teachers, … }`). */
function isImportCounts(o: Record<string, unknown>): o is Record<SiecleImportCountKind, number> {
  const keys = Object.keys(o);
  return keys.length > 0 && keys.every((k) => (SIECLE_IMPORT_COUNT_KINDS as readonly string[]).includes(k) && typeof o[k] === 'number');
}

/** « 3 divisions, 12 enseignants »: the non-zero counts in words; « aucun » when all are zero. */
function countsText(o: Record<SiecleImportCountKind, number>): string {
  const parts = SIECLE_IMPORT_COUNT_KINDS.filter((k) => (o[k] ?? 0) > 0).map((k) => t(`imports.countNouns.${k}`, { count: o[k] }));
  return parts.length > 0 ? parts.join(', ') : words.noneCount;
}

function isProfile(v: unknown): v is Profile {
  return typeof v === 'string' && (PROFILES as readonly string[]).includes(v);
}

/** The action's French label: the server's, else the shared catalogue's, else its code. */
export function actionText(code: string, serverLabel: string): string {
  if (serverLabel && serverLabel !== code) return serverLabel;
  return auditActionLabel(code);
}

/** A value in words: `null` → « (vide) », booleans → oui/non, profiles in French, lists joined, counts as nouns. */
export function valueText(value: unknown, key?: string): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return interpolate('{n}', { n: value });
  if (typeof value === 'string') return isProfile(value) ? fr.profiles[value].toLowerCase() : (VALUE_LABELS[value] ?? value);
  if (Array.isArray(value)) return value.length === 0 ? (key && FEMININE_KEYS.has(key) ? words.noneFeminine : words.none) : value.map((v) => valueText(v)).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('from' in o && 'to' in o && Object.keys(o).length === 2) return interpolate(words.change, { from: valueText(o.from, key), to: valueText(o.to, key) });
    if (isImportCounts(o)) return countsText(o);
    return Object.entries(o)
      .map(([k, v]) => interpolate(words.pair, { key: labelOf(KEY_LABELS, k), value: valueText(v, k) }))
      .join(' ; ');
  }
  return String(value);
}

/** One line per detail of the entry. */
export function detailLines(details: Record<string, unknown> | null): string[] {
  if (!details) return [];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key === 'changes' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [field, change] of Object.entries(value as Record<string, unknown>)) {
        lines.push(interpolate(words.pair, { key: labelOf(FIELD_LABELS, field), value: valueText(change, field) }));
      }
      continue;
    }
    if (key === 'settings') {
      lines.push(words.settingsSaved);
      continue;
    }
    lines.push(interpolate(words.pair, { key: labelOf(KEY_LABELS, key), value: valueText(value, key) }));
  }
  return lines;
}
