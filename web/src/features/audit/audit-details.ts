import { PROFILES, type Profile, auditActionLabel } from '@cerise/common';
import { fr } from '../../app/i18n/fr.ts';
import { interpolate } from '../../app/i18n/t.ts';

/*
 * The `details` of an audit entry, said in French: one line per key, known keys named, values
 * made readable. Unknown keys (modules that land later) still show, with their raw name.
 */

const words = fr.audit.details;
const KEY_LABELS: Record<string, string> = words.keys;
const FIELD_LABELS: Record<string, string> = words.fields;
const VALUE_LABELS: Record<string, string> = words.values;

function isProfile(v: unknown): v is Profile {
  return typeof v === 'string' && (PROFILES as readonly string[]).includes(v);
}

/** The action's French label: the server's, else the shared catalogue's, else its code. */
export function actionText(code: string, serverLabel: string): string {
  if (serverLabel && serverLabel !== code) return serverLabel;
  return auditActionLabel(code);
}

/** A value in words: `null` → « (vide) », booleans → oui/non, profiles in French, lists joined. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return interpolate('{n}', { n: value });
  if (typeof value === 'string') return isProfile(value) ? fr.profiles[value].toLowerCase() : (VALUE_LABELS[value] ?? value);
  if (Array.isArray(value)) return value.length === 0 ? words.none : value.map(valueText).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('from' in o && 'to' in o && Object.keys(o).length === 2) return interpolate(words.change, { from: valueText(o.from), to: valueText(o.to) });
    return Object.entries(o)
      .map(([k, v]) => interpolate(words.pair, { key: KEY_LABELS[k] ?? k, value: valueText(v) }))
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
        lines.push(interpolate(words.pair, { key: FIELD_LABELS[field] ?? field, value: valueText(change) }));
      }
      continue;
    }
    if (key === 'settings') {
      lines.push(words.settingsSaved);
      continue;
    }
    lines.push(interpolate(words.pair, { key: KEY_LABELS[key] ?? key, value: valueText(value) }));
  }
  return lines;
}
