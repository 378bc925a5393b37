import { parse } from 'csv-parse/sync';
import { emptySiecleCounts, type SiecleImportReport } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.ts';
import { reportCsv, reportPdf } from './siecle.report.ts';

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
    const text = pdfText(await reportPdf(report, 'Lycée Œillet'), { layout: true });
    expect(text).toContain('Lycée Œillet');
    expect(text).toContain('ŁUKASIEWICZ');
    expect(text).toMatch(/NGÔ +Thị Hằng +thi\.ngo/);
    expect(text).toContain('zoe.lukasiewicz');
    // 👍 is not in DejaVu Sans: replaced by □, the login beside it survives.
    expect(text).toMatch(/STAR +Léa □ +lea\.star/);
  });
});

const someone = (over: Partial<SiecleImportReport['people'][number]>): SiecleImportReport['people'][number] => ({
  kind: 'learner',
  status: 'created',
  login: 'adam.thomas',
  initialPassword: '02092007',
  civility: 'M.',
  lastName: 'Thomas',
  firstName: 'Adam',
  discipline: null,
  function: null,
  divisions: ['2GA1'],
  groups: [],
  children: [],
  ...over,
});
const learnersReport = (people: SiecleImportReport['people']): SiecleImportReport => ({
  runId: null,
  kind: 'learners',
  dryRun: false,
  schoolYear: '2026-2027',
  files: ['ElevesSansAdresses.xml', 'ResponsablesAvecAdresses.xml'],
  created: { ...emptySiecleCounts(), learners: 1, parents: 1 },
  updated: emptySiecleCounts(),
  hidden: emptySiecleCounts(),
  ignored: 0,
  accounts: [],
  divisionsCreated: [],
  groupsCreated: [],
  people,
  warnings: [],
  mailsQueued: 0,
});

describe('import report PDF and CSV: tables like the web report', () => {
  const report = learnersReport([
    someone({}),
    someone({ kind: 'parent', login: 'marie.dupont', initialPassword: 'Xy7kP2mQ9a', lastName: 'Dupont', firstName: 'Marie', divisions: [], children: ['THOMAS Adam (adam.thomas)'] }),
    someone({ status: 'ignored', login: null, initialPassword: null, lastName: 'Parti', firstName: 'Léo', reason: 'left' }),
    someone({ status: 'ignored', login: null, initialPassword: null, lastName: 'Dormant', firstName: 'Inès', divisions: [], reason: 'inactive' }),
    someone({ kind: 'parent', status: 'ignored', login: null, initialPassword: null, lastName: 'Voisin', firstName: 'Paul', divisions: [], children: ['THOMAS Adam (adam.thomas)'], reason: 'contact' }),
    someone({ kind: 'parent', status: 'ignored', login: null, initialPassword: null, lastName: 'Parti', firstName: 'Anne', divisions: [], children: ['PARTI Léo'], reason: 'childrenLeft' }),
  ]);

  it('has the web title, a counts table with only the kinds of this import, and a table per kind of person', async () => {
    const text = pdfText(await reportPdf(report, 'Lycée Œillet'), { layout: true });
    expect(text).toContain('Rapport d’importation : apprenants et parents');
    expect(text).toMatch(/Type +Créés +Mis à jour +Masqués/);
    expect(text).toMatch(/Apprenants +1 +0 +0/);
    expect(text).toMatch(/Parents +1 +0 +0/);
    // Counts that do not apply to a learners' import are left out.
    expect(text).not.toMatch(/Enseignants|Chefs d’établissement|Chefs d'établissement/);
    expect(text).toMatch(/Nom +Prénom +Identifiant +Mot de passe +Classe +Groupes +État/);
    expect(text).toMatch(/THOMAS +Adam +adam\.thomas +02092007 +2GA1 +créé/);
    expect(text).toMatch(/DUPONT +Marie +marie\.dupont +Xy7kP2mQ9a +THOMAS Adam/);
    // Learners and parents left out, named, with the reason.
    expect(text).toContain('2 apprenants des fichiers n\'ont pas été importés');
    expect(text).toContain('2 responsables des fichiers n\'ont pas de compte parent');
    expect(text).toContain('Apprenants non importés (2)');
    expect(text).toMatch(/PARTI +Léo +2GA1 +a quitté l'établissement/);
    expect(text).toMatch(/DORMANT +Inès +seulement dans « Inactifs »/);
    expect(text).toContain('Responsables sans compte parent (2)');
    expect(text).toMatch(/VOISIN +Paul +THOMAS Adam +personne à contacter/);
    expect(text).toMatch(/PARTI +Anne +PARTI Léo +aucun de ses enfants/);

    const teachers = pdfText(
      await reportPdf({ ...report, kind: 'teachers', people: [someone({ kind: 'teacher', login: 'hugo.martin', initialPassword: '1960-06-24', divisions: ['2GA1'], discipline: 'ECO-GESTION' })] }, 'Lycée'),
      { layout: true },
    );
    expect(teachers).toContain("Rapport d’importation : enseignants et chefs d'établissement");
    expect(teachers).not.toMatch(/^ *(Apprenants|Parents) +\d/m);
    expect(teachers).toMatch(/THOMAS +Adam +hugo\.martin +1960-06-24 +ECO-GESTION +2GA1 +créé/);
  });

  it('names the people left out in the CSV, with the reason', () => {
    const rows: string[][] = parse(reportCsv(report), { delimiter: ';', bom: true });
    const byName = (last: string, first: string) => rows.find((r) => r[3] === last && r[4] === first)!;
    expect(byName('Parti', 'Léo').slice(0, 2)).toEqual(['Apprenant', "non importé : a quitté l'établissement (date de sortie passée)"]);
    expect(byName('Dormant', 'Inès')[1]).toBe('non importé : seulement dans « Inactifs »');
    expect(byName('Voisin', 'Paul')[1]).toBe('non importé : personne à contacter seulement (niveau 3) : pas de compte parent');
    expect(byName('Parti', 'Anne')[1]).toBe("non importé : aucun de ses enfants n'est importé (partis ou inactifs)");
    expect(byName('Thomas', 'Adam').slice(5, 7)).toEqual(['="adam.thomas"', '="02092007"']);
  });
});
