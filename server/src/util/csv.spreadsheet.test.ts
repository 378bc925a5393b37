import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { emptySiecleCounts, type SiecleImportReport } from '@cerise/common';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCsv } from '../modules/siecle/siecle.report.ts';
import { textCell, toFrenchCsv } from './csv.ts';

/**
 * The CSV files opened by a real spreadsheet: LibreOffice (`soffice`, installed by .ci/run) reads
 * them with the French CSV options (`;`, UTF-8, French locale, « detect special numbers » on, as
 * Excel does) and saves them as XLSX; the cells are read back with their type. README.md
 * (« Fichiers CSV ») tells the same.
 */
const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cerise-csv-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

type Cell = { type: string; value: string };

/** Converts CSV files to XLSX with LibreOffice and returns, per file, its cells by reference (A2…). */
async function openInLibreOffice(files: Record<string, string>): Promise<Record<string, Map<string, Cell>>> {
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, `${name}.csv`), text);
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--infilter=CSV:59,34,76,1,,1036,false,true',
      '--convert-to',
      'xlsx',
      '--outdir',
      dir,
      ...Object.keys(files).map((n) => path.join(dir, `${n}.csv`)),
    ],
    { timeout: 120_000 },
  );
  const out: Record<string, Map<string, Cell>> = {};
  for (const name of Object.keys(files)) {
    const zip = unzipSync(new Uint8Array(await fs.readFile(path.join(dir, `${name}.xlsx`))));
    const shared = [...strFromU8(zip['xl/sharedStrings.xml']!).matchAll(/<si>(.*?)<\/si>/gs)].map((m) => unescapeXml(m[1]!.replace(/<[^>]+>/g, '')));
    const cells = new Map<string, Cell>();
    for (const m of strFromU8(zip['xl/worksheets/sheet1.xml']!).matchAll(/<c r="([A-Z]+\d+)"[^>]*?t="(\w+)"[^>]*>(.*?)<\/c>/gs)) {
      const v = /<v>(.*?)<\/v>/s.exec(m[3]!)?.[1] ?? '';
      cells.set(m[1]!, { type: m[2]!, value: m[2] === 's' ? shared[Number(v)]! : unescapeXml(v) });
    }
    out[name] = cells;
  }
  return out;
}

const unescapeXml = (s: string) => s.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const asText = (value: string) => ({ type: expect.stringMatching(/^(s|str)$/), value });

describe('CSV files opened in LibreOffice (French options)', () => {
  it('keeps identifiers and passwords as text: leading zeros, aaaa-mm-jj, where plain cells would be changed', async () => {
    const person = (kind: 'teacher' | 'learner', login: string, initialPassword: string): SiecleImportReport['people'][number] => ({
      kind,
      status: 'created',
      login,
      initialPassword,
      civility: null,
      lastName: 'THOMAS',
      firstName: 'Adam',
      discipline: null,
      function: null,
      divisions: [],
      groups: [],
      children: [],
    });
    const report: SiecleImportReport = {
      runId: null,
      kind: 'learners',
      dryRun: false,
      schoolYear: '2026-2027',
      files: ['ElevesSansAdresses.xml'],
      created: { ...emptySiecleCounts(), learners: 2 },
      updated: emptySiecleCounts(),
      hidden: emptySiecleCounts(),
      ignored: 0,
      accounts: [],
      divisionsCreated: [],
      groupsCreated: [],
      people: [person('learner', 'adam.thomas', '02092007'), person('teacher', '0123', '1960-06-24')],
      warnings: [],
      mailsQueued: 0,
    };
    const control = toFrenchCsv(['Texte', 'Brut'], [
      [textCell('02092007'), '02092007'],
      [textCell('1960-06-24'), '1960-06-24'],
      [textCell('a"b;c'), 'x'],
    ]);
    const sheets = await openInLibreOffice({ report: reportCsv(report), control });

    // Report: « Identifiant » is column F, « Mot de passe provisoire » column G.
    expect(sheets.report!.get('F2')).toEqual(asText('adam.thomas'));
    expect(sheets.report!.get('G2')).toEqual(asText('02092007'));
    expect(sheets.report!.get('F3')).toEqual(asText('0123'));
    expect(sheets.report!.get('G3')).toEqual(asText('1960-06-24'));

    // The same values written plainly become a number and a date: the check can tell.
    expect(sheets.control!.get('A2')).toEqual(asText('02092007'));
    expect(sheets.control!.get('B2')).toEqual({ type: 'n', value: '2092007' });
    expect(sheets.control!.get('A3')).toEqual(asText('1960-06-24'));
    expect(sheets.control!.get('B3')!.type).toBe('n');
    expect(sheets.control!.get('A4')).toEqual(asText('a"b;c'));
  }, 180_000);
});
