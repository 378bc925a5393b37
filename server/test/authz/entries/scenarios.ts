import type { Entry } from '../entries.ts';

/** Matrix entries of the scenarios module's routes (with their "someone else's object" cases). */
export const SCENARIOS_ENTRIES: Record<string, Entry> = {};
