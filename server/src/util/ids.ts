import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Random bytes for ids, drawn 4 KiB at a time: uuid's own generator asks WebCrypto for 16 bytes
 * per id, about 5 µs each — a quarter of a second for the 40,000 ids of a large SIECLE import
 * (docs/performance.md, « Import par la ligne de commande »). Each byte is used once.
 */
const pool = new Uint8Array(4096);
let poolUsed = pool.length;
/** uuid's v7 state (its `updateV7State`), kept here since the random bytes are ours. */
let lastMs = -Infinity;
let seq = 0;

/**
 * A new row id: UUIDv7, time-ordered (its first 48 bits are the Unix time in milliseconds, then a
 * counter that keeps ids generated in the same millisecond increasing within the process), so
 * that "by date, then id" orders rows deterministically by when they were recorded.
 */
export function newId(): string {
  if (poolUsed + 16 > pool.length) {
    crypto.randomFillSync(pool);
    poolUsed = 0;
  }
  const random = pool.subarray(poolUsed, poolUsed + 16);
  poolUsed += 16;
  const now = Date.now();
  if (now > lastMs) {
    // A fresh 31-bit counter for a new millisecond, as uuid does.
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return uuidv7({ random, msecs: lastMs, seq });
}

export const nowIso = (d: Date = new Date()): string => d.toISOString();
