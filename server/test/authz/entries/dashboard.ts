import type { Entry } from '../entries.ts';

/** Matrix entries of the dashboard module's routes (with their "someone else's object" cases). */
export const DASHBOARD_ENTRIES: Record<string, Entry> = {};
