import type { Entry } from '../entries.ts';

/** Authorization matrix entries of the sso-import routes (one per route). */
export const SSO_IMPORT_ENTRIES: Record<string, Entry> = {
};
