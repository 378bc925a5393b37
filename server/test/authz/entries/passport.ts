import type { Entry } from '../entries.ts';

/** Matrix entries of the passport module's routes (with their "someone else's object" cases). */
export const PASSPORT_ENTRIES: Record<string, Entry> = {};
