import type { LightMyRequestResponse } from 'fastify';
import { TEST_ORIGIN, type TestContext } from '../harness.ts';

/**
 * A browser stand-in for SSO tests: keeps every cookie the app sets (session, SSO state, pending
 * choice) and follows a redirect chain through the app (inject) and an external test server (fetch).
 */
export class BrowserJar {
  cookies = new Map<string, string>();
  constructor(readonly ctx: TestContext) {}

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async inject(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    const res = await this.ctx.app.inject({
      method,
      url,
      headers: { origin: TEST_ORIGIN, cookie: this.header(), 'user-agent': 'Navigateur de test' },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    for (const c of res.cookies) {
      const expired = c.maxAge === 0 || (c.expires instanceof Date && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** Follows redirects from `url` until the app answers with something else, or leaves for the web pages. */
  async follow(url: string): Promise<{ last: LightMyRequestResponse | null; location: string; trail: string[] }> {
    const trail: string[] = [];
    let next = url;
    let last: LightMyRequestResponse | null = null;
    for (let i = 0; i < 10; i++) {
      trail.push(next);
      if (next.startsWith('http://127.0.0.1')) {
        const res = await fetch(next, { redirect: 'manual' });
        next = res.headers.get('location') ?? '';
        if (!next) throw new Error(`external server answered ${res.status} without a redirect: ${await res.text()}`);
        continue;
      }
      const path = next.startsWith(TEST_ORIGIN) ? next.slice(TEST_ORIGIN.length) : next;
      if (!path.startsWith('/api/')) return { last, location: path, trail };
      last = await this.inject('GET', path);
      const loc = last.headers.location;
      if (typeof loc !== 'string') return { last, location: path, trail };
      next = loc;
    }
    throw new Error(`too many redirects: ${trail.join(' → ')}`);
  }
}
