import { v7 as uuidv7 } from 'uuid';

/**
 * A new row id: UUIDv7, time-ordered (its first 48 bits are the Unix time in milliseconds, then a
 * counter that keeps ids generated in the same millisecond increasing within the process), so
 * that "by date, then id" orders rows deterministically by when they were recorded.
 */
export const newId = (): string => uuidv7();
export const nowIso = (d: Date = new Date()): string => d.toISOString();
