import crypto from 'node:crypto';

export const newId = (): string => crypto.randomUUID();
export const nowIso = (d: Date = new Date()): string => d.toISOString();
