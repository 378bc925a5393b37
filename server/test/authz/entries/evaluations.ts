import type { Entry } from '../entries.ts';

/** Matrix entries of the evaluations module's routes (with their "someone else's object" cases). */
export const EVALUATIONS_ENTRIES: Record<string, Entry> = {};
