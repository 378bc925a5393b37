import { t } from '../../app/i18n/t.ts';
import { formatBytes } from './format.ts';

/** The server refuses any uploaded file over 100 Mo (server: parse/limits.ts, MAX_ZIP_BYTES). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** The French error for a file the server would refuse for its size, checked before sending. */
export function tooLargeError(file: File): string | undefined {
  return file.size > MAX_UPLOAD_BYTES ? t('imports.form.tooLarge', { size: formatBytes(file.size) }) : undefined;
}
