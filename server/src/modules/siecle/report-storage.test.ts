import { describe, expect, it } from 'vitest';
import { isPackedReport, packReport, unpackReport, unpackReportSync } from './report-storage.ts';

const big = JSON.stringify({ accounts: Array.from({ length: 2000 }, (_, i) => ({ login: `eleve.${i}`, initialPassword: `${i}`.padStart(8, '0'), lastName: 'MARTÍNEZ', firstName: 'Zoé' })) });

describe('how import_runs.report keeps a report', () => {
  it('keeps a short report as its JSON', async () => {
    const json = JSON.stringify({ accounts: [{ login: 'a.b' }] });
    expect(await packReport(json)).toBe(json);
    expect(await unpackReport(json)).toBe(json);
    expect(unpackReportSync(json)).toBe(json);
  });

  it('compresses a long one, and reads it back character for character (accents included)', async () => {
    const stored = await packReport(big);
    expect(isPackedReport(stored)).toBe(true);
    expect(stored.length).toBeLessThan(big.length / 5);
    expect(await unpackReport(stored)).toBe(big);
    expect(unpackReportSync(stored)).toBe(big);
  });

  it('reads a long report stored as JSON before compression existed', async () => {
    expect(isPackedReport(big)).toBe(false);
    expect(await unpackReport(big)).toBe(big);
  });
});
