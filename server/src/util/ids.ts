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
/** The 16 random bytes handed to uuid for the id being made. */
const random = new Uint8Array(16);

/** uuid's v7 bytes of the id being made, and its text form as ASCII: one buffer each, reused. */
const idBytes = new Uint8Array(16);
const idText = Buffer.alloc(36, '-');
/** Position in `idText` of each byte's two hex digits (the dashes stay where they are). */
const TEXT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * A new row id: UUIDv7, time-ordered (its first 48 bits are the Unix time in milliseconds, then a
 * counter that keeps ids generated in the same millisecond increasing within the process), so
 * that "by date, then id" orders rows deterministically by when they were recorded.
 *
 * uuid lays the bytes out; the text is written here into one reused buffer and read as one string:
 * uuid's own text is 20 concatenated pieces, and with its byte array, options and view about 380
 * bytes allocated per id (26 MB for the 40,000 ids of a large SIECLE import, heap sampling).
 */
export function newId(): string {
  if (poolUsed + 16 > pool.length) {
    crypto.randomFillSync(pool);
    poolUsed = 0;
  }
  const at = poolUsed;
  poolUsed += 16;
  const now = Date.now();
  if (now > lastMs) {
    // A fresh 31-bit counter for a new millisecond, as uuid does.
    seq = ((pool[at + 6]! & 0x7f) << 24) | (pool[at + 7]! << 16) | (pool[at + 8]! << 8) | pool[at + 9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  for (let i = 0; i < 16; i++) random[i] = pool[at + i]!;
  uuidv7({ random, msecs: lastMs, seq }, idBytes, 0);
  for (let i = 0; i < 16; i++) {
    const b = idBytes[i]!;
    idText[TEXT_AT[i]!] = HEX[b >> 4]!;
    idText[TEXT_AT[i]! + 1] = HEX[b & 15]!;
  }
  return idText.toString('latin1', 0, 36);
}

export const nowIso = (d: Date = new Date()): string => d.toISOString();
