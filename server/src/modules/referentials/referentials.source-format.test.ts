import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelKey, ReferentialDocumentSchema } from '@cerise/common';
import { countDocument, documentCompetencies, findDuplicateCodes, findDuplicateItems, planItemList } from './referentials.document.ts';
import { DEFAULT_REFERENTIAL_FILE, loadDefaultReferentialDocument } from './referentials.install.ts';
import { AGORA_CODE, documentFromSource, GA_CODE } from './referentials.source-format.ts';

const source: unknown = JSON.parse(fs.readFileSync(DEFAULT_REFERENTIAL_FILE, 'utf8'));

describe('loader: the repository data file', () => {
  it('holds 4 pôles, 13 classes, 55 situations, 55 competencies and 17 BEP activities', async () => {
    const doc = await loadDefaultReferentialDocument();
    expect(doc.referential.code).toBe(GA_CODE);
    const counts = countDocument(doc);
    expect(counts).toMatchObject({ poles: 4, classes: 13, situations: 55, competencies: 55, bepActivities: 17, examUnits: 4 });
  });

  it('has complexities and hazards for 1.1.1–1.1.3 only, the 52 others « à compléter » with none', async () => {
    const doc = await loadDefaultReferentialDocument();
    const all = documentCompetencies(doc);
    const sourced = all.filter((k) => ['1.1.1', '1.1.2', '1.1.3'].includes(k.situationCode));
    expect(sourced.map((k) => [k.code, k.complexities.length, k.hazards.length, k.toComplete])).toEqual([
      ['C111', 5, 4, false],
      ['C112', 4, 4, false],
      ['C113', 4, 2, false],
    ]);
    expect(sourced[0]!.complexities[0]).toBe('Absence de fichier fournisseur');
    expect(sourced[0]!.hazards[3]).toBe("Défaillance d'un fournisseur ou d'un sous-traitant");
    const others = all.filter((k) => !sourced.includes(k));
    expect(others).toHaveLength(52);
    for (const k of others) {
      expect(k.toComplete).toBe(true);
      expect(k.complexities).toEqual([]);
      expect(k.hazards).toEqual([]);
    }
  });

  it('keeps every competency’s evaluation criterion, and the exam units E31, E2, E32, E33 on pôles 1–4', async () => {
    const doc = await loadDefaultReferentialDocument();
    for (const k of documentCompetencies(doc)) {
      expect(k.criterion?.label).toBeTruthy();
      expect(k.criterion?.code).toBe(`CE${k.code.slice(1)}`);
    }
    expect(doc.referential.poles.map((p) => [p.code, p.examUnit?.code, p.examUnit?.unitCode])).toEqual([
      ['1', 'E31', 'U31'],
      ['2', 'E2', 'U2'],
      ['3', 'E32', 'U32'],
      ['4', 'E33', 'U33'],
    ]);
  });

  it('keeps the BEP MSA activities with their dominante (6 technique, 6 organisationnelle, 5 relationnelle)', async () => {
    const doc = await loadDefaultReferentialDocument();
    const count = (domain: string) => doc.referential.bepActivities.filter((a) => a.domain === domain).length;
    expect([count('technique'), count('organisationnelle'), count('relationnelle')]).toEqual([6, 6, 5]);
    expect(doc.referential.bep?.title).toMatch(/^BEP Métiers des services administratifs/);
    expect(doc.referential.bep?.rule).toMatch(/9 activités/);
    expect(doc.referential.bep?.rule).not.toMatch(/source/);
    // An UNSOURCED value never becomes data.
    expect(doc.referential.bepActivities.find((a) => a.code === 'O6')?.autonomy).toBeNull();
    expect(JSON.stringify(doc)).not.toMatch(/UNSOURCED/);
  });

  it('converts the AGOrA example: blocs → pôles, activities → classes, one situation per competency', () => {
    const converted = documentFromSource(source, 'agora_exemple');
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    const doc = ReferentialDocumentSchema.parse(converted.document);
    expect(doc.referential.code).toBe(AGORA_CODE);
    expect(doc.referential.title).toMatch(/AGOrA/);
    expect(doc.referential.source).toMatch(/^Arrêté du 18 février 2020/);
    const counts = countDocument(doc);
    expect(counts).toMatchObject({ poles: 3, classes: 9, complexities: 0, hazards: 0, toComplete: 0, bepActivities: 0, examUnits: 3 });
    expect(counts.situations).toBe(counts.competencies);
    expect(doc.referential.poles[1]!.examUnit).toMatchObject({ code: 'E2', unitCode: 'U2' });
    expect(findDuplicateCodes(doc)).toEqual([]);
  });

  it('refuses a malformed source file with the path of the problem', () => {
    const converted = documentFromSource({ meta: {}, poles: [{ code: '1', classes: [] }] }, 'ga');
    expect(converted.ok).toBe(false);
    if (converted.ok) return;
    expect(converted.issues[0]!.path).toEqual(['poles', 0, 'titre']);
  });
});

describe('document checks', () => {
  const doc = (competencies: Array<{ code: string; complexities?: string[] }>) =>
    ReferentialDocumentSchema.parse({
      format: 'cerise-pro.referentiel',
      formatVersion: 1,
      referential: {
        code: 'X',
        title: 'X',
        poles: [{ code: '1', title: 'P', classes: [{ code: '1.1', title: 'C', situations: [{ code: '1.1.1', title: 'S', competencies: competencies.map((k) => ({ label: 'L', ...k })) }] }] }],
      },
    });

  it('finds duplicate codes, case-insensitively', () => {
    expect(findDuplicateCodes(doc([{ code: 'C1' }, { code: 'c1' }]))).toEqual([{ level: 'compétence', code: 'c1' }]);
  });

  it('finds duplicate items, ignoring case, accents and typographic apostrophes', () => {
    expect(findDuplicateItems(doc([{ code: 'C1', complexities: ["Cas d'un client", 'cas d’un CLIENT'] }]))).toEqual([
      { competencyCode: 'C1', list: 'complexities', label: 'cas d’un CLIENT' },
    ]);
    expect(labelKey('  Élève\u00a0d’ici ')).toBe("eleve d'ici");
  });
});

describe('planItemList', () => {
  const existing = [
    { id: 'a', label: 'Alpha', position: 1 },
    { id: 'b', label: 'Beta', position: 2 },
    { id: 'c', label: 'Gamma', position: 3 },
  ];

  it('sees no change in the same list', () => {
    expect(planItemList(existing, ['Alpha', 'Beta', 'Gamma']).changed).toBe(false);
  });

  it('keeps the ids of items that stay, even renamed or moved', () => {
    const plan = planItemList(existing, ['gamma', 'Alpha', 'Delta']);
    expect(plan.added).toEqual(['Delta']);
    expect(plan.removed.map((r) => r.id)).toEqual(['b']);
    expect(plan.renamed).toEqual([{ id: 'c', from: 'Gamma', to: 'gamma' }]);
    expect(plan.reordered).toBe(true);
    expect(plan.final).toEqual([
      { id: 'c', label: 'gamma', position: 1 },
      { id: 'a', label: 'Alpha', position: 2 },
      { id: null, label: 'Delta', position: 3 },
    ]);
  });

  it('does not call a removal a reordering', () => {
    const plan = planItemList(existing, ['Alpha', 'Gamma']);
    expect(plan.reordered).toBe(false);
    expect(plan.changed).toBe(true);
  });
});
