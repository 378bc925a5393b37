/**
 * The paced part of the load test (docs/performance.md « Test de charge »): `connections` users,
 * each on its own keep-alive connection, whose requests arrive at random (a Poisson process:
 * exponential gaps), together `rate` requests per second — as people clicking do. autocannon's
 * own rate limit is not used for this: it lets each connection send its whole second's quota at
 * once at every 1-second tick, all connections on the same tick, so the server gets the second's
 * 300 requests in one burst and then nothing (its p95 then measures the burst, not the users).
 * The saturation figure still comes from autocannon.
 *
 * Latency is counted from the moment a request was due, not from when it could be sent: a
 * request waiting behind its user's previous one counts that wait (no coordinated omission).
 */
import http from 'node:http';
import type { Request } from 'autocannon';

export type PacedResult = { rps: number; latencies: number[]; errors: number; statuses: Record<number, number> };

type Prepared = { method: string; path: string; headers: Record<string, string>; body?: string | undefined };

function send(agent: http.Agent, base: URL, r: Prepared, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ agent, host: base.hostname, port: base.port, method: r.method, path: r.path, headers: { ...r.headers, ...(r.body ? { 'content-length': Buffer.byteLength(r.body) } : {}) }, timeout: timeoutMs });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(r.body);
  });
}

export async function pacedLoad(baseUrl: string, requests: Request[], opts: { connections: number; seconds: number; rate: number; timeoutMs?: number }): Promise<PacedResult> {
  const base = new URL(baseUrl);
  const setup = requests[0]!.setupRequest as unknown as (req: Record<string, unknown>) => Prepared;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let answered = 0;
  const t0 = performance.now();
  const end = t0 + opts.seconds * 1000;
  const total = Math.round(opts.rate * opts.seconds);
  let lastAnswer = t0;
  const user = async (index: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // This user's share of the requests, due at random moments of the window.
    const share = Math.floor(total / opts.connections) + (index < total % opts.connections ? 1 : 0);
    const dues = Array.from({ length: share }, () => t0 + Math.random() * (end - t0)).sort((a, b) => a - b);
    try {
      for (const due of dues) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const status = await send(agent, base, setup({}), opts.timeoutMs ?? 10_000);
        lastAnswer = Math.max(lastAnswer, performance.now());
        latencies.push(performance.now() - due);
        answered++;
        if (status === 0 || status >= 400) {
          errors++;
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, (_, i) => user(i)));
  latencies.sort((a, b) => a - b);
  // Answered over the window, or over the time the last answer took when the server fell behind.
  return { rps: answered / (Math.max(end, lastAnswer) - t0) * 1000, latencies, errors, statuses };
}
