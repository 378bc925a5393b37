import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.dataDir).toMatch(/var$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.seedDemo).toBe(true);
    expect(c.secureCookies).toBe(false);
  });

  it('secures cookies behind HTTPS and trims the public address', () => {
    const c = loadConfig({ PUBLIC_URL: 'https://cerise.example.fr/', SEED_DEMO: '0' });
    expect(c.publicUrl).toBe('https://cerise.example.fr');
    expect(c.secureCookies).toBe(true);
    expect(c.seedDemo).toBe(false);
  });

  it('fails fast, naming every bad variable', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://x', PUBLIC_URL: 'pas une url' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      for (const v of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'PUBLIC_URL']) expect(msg).toContain(v);
    }
  });
});
