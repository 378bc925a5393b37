import { emptySiecleCounts, type SiecleImportReport } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.ts';
import { reportPdf } from './siecle.report.ts';

describe('import report PDF', () => {
  it('prints every name as typed, with a visible mark for what the font lacks, and keeps the login beside it', async () => {
    const person = (lastName: string, firstName: string, login: string): SiecleImportReport['people'][number] => ({
      kind: 'learner',
      status: 'created',
      login,
      initialPassword: '01022010',
      civility: null,
      lastName,
      firstName,
      discipline: null,
      function: null,
      divisions: ['2GA1'],
      groups: [],
      children: [],
    });
    const report: SiecleImportReport = {
      runId: null,
      kind: 'learners',
      dryRun: false,
      schoolYear: '2026-2027',
      files: ['ElevesSansAdresses.xml'],
      created: { ...emptySiecleCounts(), learners: 3 },
      updated: emptySiecleCounts(),
      hidden: emptySiecleCounts(),
      ignored: 0,
      accounts: [],
      divisionsCreated: [],
      groupsCreated: [],
      people: [person('Łukasiewicz', 'Zoé 😀', 'zoe.lukasiewicz'), person('Ngô', 'Thị Hằng', 'thi.ngo'), person('Star', 'Léa 👍', 'lea.star')],
      warnings: [],
      mailsQueued: 0,
    };
    const text = pdfText(await reportPdf(report, 'Lycée Œillet'));
    expect(text).toContain('Lycée Œillet');
    expect(text).toContain('ŁUKASIEWICZ');
    expect(text).toContain('NGÔ Thị Hằng');
    expect(text).toContain('zoe.lukasiewicz');
    expect(text).toContain('thi.ngo');
    // 👍 is not in DejaVu Sans: replaced by □, the login beside it survives.
    expect(text).toMatch(/STAR Léa □.*lea\.star/s);
  });
});
