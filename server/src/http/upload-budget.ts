import type { Config } from '../config/config.ts';
import type { UploadLimits } from '../config/resources.ts';
import { AppError } from './errors.ts';

/**
 * The budget of uploads and analyses of one app process (docs/performance.md « Ressources bornées »):
 * - bytes in flight: bodies being received or waiting for an analysis, all establishments together;
 *   past it, a 503 `files.server_busy` before the body is read;
 * - disk per establishment: its kept analyses plus its uploads in progress; past it, a 429
 *   `files.establishment_busy` (its own limit, not the server's);
 * - analyses at once: a received upload waits in a queue for a slot, up to `queueWaitMs`, then 503.
 * Every refusal carries `Retry-After` (error-handler.ts) and a French « réessayez dans un instant ».
 */
export class UploadBudget {
  private inFlight = 0;
  private readonly perEstablishment = new Map<string, number>();
  private running = 0;
  private readonly queue: { grant: () => void }[] = [];

  constructor(readonly limits: UploadLimits) {}

  /**
   * Reserves `bytes` (the declared length of a request body) for an establishment that already keeps
   * `keptBytes` on disk; returns the release (idempotent). Throws 429 or 503 past the budget.
   */
  reserve(establishmentId: string, bytes: number, keptBytes: number): () => void {
    const own = this.perEstablishment.get(establishmentId) ?? 0;
    if (keptBytes + own + bytes > this.limits.maxDiskPerEstablishment) {
      throw busy(429, 'files.establishment_busy', 30);
    }
    if (this.inFlight + bytes > this.limits.maxBytesInFlight) throw busy(503, 'files.server_busy', 10);
    this.inFlight += bytes;
    this.perEstablishment.set(establishmentId, own + bytes);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= bytes;
      const left = (this.perEstablishment.get(establishmentId) ?? bytes) - bytes;
      if (left > 0) this.perEstablishment.set(establishmentId, left);
      else this.perEstablishment.delete(establishmentId);
    };
  }

  /** Waits for an analysis slot (FIFO), at most `queueWaitMs`; returns the release (idempotent). */
  async analysisSlot(): Promise<() => void> {
    if (this.running >= this.limits.maxAnalyses) {
      await new Promise<void>((resolve, reject) => {
        const waiter = { grant: () => {} };
        const timer = setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(busy(503, 'files.server_busy', 15));
        }, this.limits.queueWaitMs);
        waiter.grant = () => {
          clearTimeout(timer);
          resolve();
        };
        this.queue.push(waiter);
      });
    } else this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes to the next in the queue, or is freed.
      const next = this.queue.shift();
      if (next) next.grant();
      else this.running--;
    };
  }

  /** What the budget holds now (for tests and the bench). */
  usage() {
    return { bytesInFlight: this.inFlight, analysesRunning: this.running, analysesWaiting: this.queue.length };
  }
}

function busy(status: 429 | 503, code: 'files.server_busy' | 'files.establishment_busy', retryAfterSeconds: number): AppError {
  return new AppError(status, code, undefined, { retryAfterSeconds });
}

/** One budget per configuration, i.e. per app process (each test app has its own). */
const budgets = new WeakMap<Config, UploadBudget>();
export function uploadBudget(config: Config): UploadBudget {
  let b = budgets.get(config);
  if (!b) budgets.set(config, (b = new UploadBudget(config.uploads)));
  return b;
}
