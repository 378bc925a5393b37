import { describe, expect, it } from 'vitest';
import { parseSettings } from './settings.ts';
import { checkSettingsConsistency, masteryStateForPercent, normalizeWebsite, UpdateEstablishmentDetailsRequestSchema } from './settings.schemas.ts';

describe('settings contracts', () => {
  it('sees thresholds in the wrong order', () => {
    expect(checkSettingsConsistency(parseSettings('{}'))).toEqual([]);
    const s = parseSettings(JSON.stringify({ mastery: { inProgressThreshold: 60, acquiredThreshold: 60 }, ccf: { readyMasteryPercent: 40, almostReadyMasteryPercent: 50 } }));
    expect(checkSettingsConsistency(s).map((p) => p.code)).toEqual(['settings.mastery_thresholds_order', 'settings.ccf_thresholds_order']);
  });

  it('places a percentage in its state (docs/design.md §5 defaults: <40, 40–59, ≥60)', () => {
    const t = parseSettings('{}').mastery;
    expect([0, 39, 40, 59, 60, 100].map((p) => masteryStateForPercent(p, t))).toEqual([
      'not_acquired',
      'not_acquired',
      'in_progress',
      'in_progress',
      'acquired',
      'acquired',
    ]);
  });

  it('normalises web sites and refuses other schemes', () => {
    expect(normalizeWebsite('www.lycee.fr')).toBe('https://www.lycee.fr');
    expect(normalizeWebsite('http://lycee.fr/page')).toBe('http://lycee.fr/page');
    expect(normalizeWebsite('')).toBeNull();
    expect(normalizeWebsite('javascript:alert(1)')).toBeNull();
    expect(normalizeWebsite('localhost')).toBeNull();
  });

  it('turns empty optional fields into null', () => {
    const parsed = UpdateEstablishmentDetailsRequestSchema.parse({ version: 1, name: ' Lycée ', address: '', postalCode: '', town: null, phone: '', email: '', headName: '', website: '' });
    expect(parsed).toEqual({ version: 1, name: 'Lycée', address: null, postalCode: null, town: null, phone: null, email: null, headName: null, website: null });
  });
});
