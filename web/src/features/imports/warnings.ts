import type { SiecleImportWarning } from '@cerise/common';
import { t } from '../../app/i18n/t.ts';

/** « fichier.xml, ligne 12 : … »: the server's message, prefixed with the place when it lacks it. */
export function warningText(w: SiecleImportWarning): string {
  if (!w.file || w.message.includes(w.file)) return w.message;
  return w.line != null
    ? t('imports.warnings.atLine', { file: w.file, line: String(w.line), message: w.message })
    : t('imports.warnings.atFile', { file: w.file, message: w.message });
}
