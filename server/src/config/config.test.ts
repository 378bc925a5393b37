import { describe, expect, it } from 'vitest';
import { ConfigError, defaultPublicUrlNote, listeningUrl, loadConfig } from './config.ts';

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

  it('prints the real address: PUBLIC_URL, else the port listened on, and says when it is only the default', () => {
    const byDefault = loadConfig({ PORT: '4100' });
    expect(byDefault.publicUrlIsDefault).toBe(true);
    expect(listeningUrl(byDefault, 4100)).toBe('http://localhost:4100');
    expect(listeningUrl(loadConfig({ PORT: '0' }), 39123)).toBe('http://localhost:39123');
    expect(defaultPublicUrlNote(byDefault)?.fr).toMatch(/adresse par défaut \(PUBLIC_URL n'est pas défini, port 4100\)/);

    const set = loadConfig({ PORT: '4100', PUBLIC_URL: 'https://cerise.lycee.fr' });
    expect(set.publicUrlIsDefault).toBe(false);
    expect(listeningUrl(set, 4100)).toBe('https://cerise.lycee.fr');
    expect(defaultPublicUrlNote(set)).toBeNull();
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
