import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * How `import_runs.report` keeps a report. A large establishment's report is large: 6,000 learners
 * and 10,600 guardians make 6.2 MB of JSON (every new account, every person), as much as all
 * their accounts in the `users` table. Written as it is, that text cost a SQLite import about
 * 0.15 s (the row, then the same pages again in the write-ahead log and the checkpoint) and every
 * analysis stored another copy. So a report past PACK_ABOVE_CHARS is stored compressed with
 * Brotli at its fastest quality (6.2 MB → 0.74 MB in ~13 ms, read back in ~25 ms), as base64 after
 * a marker, in the same text column on both engines; a shorter one, and every row written before,
 * stays plain JSON: reading accepts both (docs/performance.md, « Import par la ligne de commande »).
 * Compression and decompression run in libuv's thread pool: never on the event loop.
 */
const PACKED_PREFIX = 'brotli+base64:';
const PACK_ABOVE_CHARS = 32 * 1024;

const compress = promisify(zlib.brotliCompress);
const decompress = promisify(zlib.brotliDecompress);

/** The report's JSON as `import_runs.report` keeps it. */
export async function packReport(json: string): Promise<string> {
  if (json.length <= PACK_ABOVE_CHARS) return json;
  const bytes = Buffer.from(json, 'utf8');
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
  const packed = await compress(bytes, { params: { [BROTLI_PARAM_QUALITY]: 1, [BROTLI_PARAM_MODE]: BROTLI_MODE_TEXT, [BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } });
  return PACKED_PREFIX + packed.toString('base64');
}

/** Whether a stored report is compressed (else it is the JSON itself). */
export function isPackedReport(stored: string): boolean {
  return stored.startsWith(PACKED_PREFIX);
}

/** The JSON of a stored report, compressed or not. */
export async function unpackReport(stored: string): Promise<string> {
  return isPackedReport(stored) ? (await decompress(packedBytes(stored))).toString('utf8') : stored;
}

/** `unpackReport` on the calling thread, for the backup's row-by-row writer (a command or a worker, never a request). */
export function unpackReportSync(stored: string): string {
  return isPackedReport(stored) ? zlib.brotliDecompressSync(packedBytes(stored)).toString('utf8') : stored;
}

/** The compressed bytes of a packed report. */
const packedBytes = (stored: string): Buffer => Buffer.from(stored.slice(PACKED_PREFIX.length), 'base64');
