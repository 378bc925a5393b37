import type { Entry } from '../entries.ts';

/** Authorization matrix entries of the sso routes (one per route). */
export const SSO_ENTRIES: Record<string, Entry> = {
};
