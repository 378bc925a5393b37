import type { SiecleImportReport, SiecleImportReportPerson } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { filterPeople, leftOutCounts, reportSections } from './report-model.ts';
import { reportAsHtml, reportAsText } from './report-copy.ts';
import { warningText } from './warnings.ts';

const counts = (n = 0) => ({ divisions: n, groups: n, teachers: n, heads: n, learners: n, parents: n });

function person(p: Partial<SiecleImportReportPerson>): SiecleImportReportPerson {
  return {
    kind: 'learner',
    status: 'created',
    login: null,
    initialPassword: null,
    civility: null,
    lastName: 'NOM',
    firstName: 'Prénom',
    discipline: null,
    function: null,
    divisions: [],
    groups: [],
    children: [],
    ...p,
  };
}

function report(p: Partial<SiecleImportReport>): SiecleImportReport {
  return {
    runId: 'r',
    kind: 'learners',
    dryRun: false,
    schoolYear: '2026-2027',
    files: ['ElevesSansAdresses.xml', 'ResponsablesAvecAdresses.xml'],
    created: counts(),
    updated: counts(),
    hidden: counts(),
    ignored: 0,
    accounts: [],
    divisionsCreated: [],
    groupsCreated: [],
    people: [],
    warnings: [],
    mailsQueued: 0,
    ...p,
  };
}

const learners = report({
  people: [
    person({ login: 'chloe.cœur', initialPassword: '01022010', lastName: 'CŒUR', firstName: 'Chloé', divisions: ['2GA1'], groups: ['_G1_AGL'] }),
    person({ login: 'lucas.martin', status: 'unchanged', lastName: 'MARTIN', firstName: 'Lucas', divisions: ['2GA2'] }),
    person({ login: 'sans.classe', lastName: 'CLASSE', firstName: 'Sans' }),
    person({ kind: 'parent', login: 'anne.cœur', initialPassword: 'x7Yq', lastName: 'CŒUR', firstName: 'Anne', children: ['CŒUR Chloé (chloe.cœur)'] }),
    person({ login: 'parti.eleve', status: 'hidden', lastName: 'ELEVE', firstName: 'Parti' }),
  ],
});

describe('report sections', () => {
  it('puts learners, parents and hidden people in their tables, with passwords once applied', () => {
    const sections = reportSections(learners);
    expect(sections.map((s) => [s.id, s.people.length])).toEqual([
      ['learners', 3],
      ['parents', 1],
      ['hidden', 1],
    ]);
    const [learnerTable] = sections;
    expect(learnerTable!.columns.map((c) => c.header)).toEqual(['Nom', 'Prénom', 'Identifiant', 'Mot de passe provisoire', 'Classe', 'Groupes', 'État']);
    expect(learnerTable!.columns.map((c) => c.value(learnerTable!.people[1]!))).toEqual(['MARTIN', 'Lucas', 'lucas.martin', 'compte existant', '2GA2', '', 'Inchangé']);
    expect(learnerTable!.columns[4]!.value(learnerTable!.people[2]!)).toBe('sans classe');
    expect(learnerTable!.hasStatusFilter).toBe(true);
  });

  it('shows no password column in an analysis, and the teachers tables for a staff import', () => {
    const analysis = reportSections({ ...learners, dryRun: true });
    expect(analysis[0]!.columns.map((c) => c.id)).not.toContain('password');
    const staff = reportSections(report({ kind: 'teachers', people: [person({ kind: 'ignored', status: 'ignored', function: 'EDU' })] }));
    expect(staff.map((s) => s.id)).toEqual(['teachers', 'heads', 'ignored']);
    expect(staff[2]!.columns.map((c) => c.value(staff[2]!.people[0]!))).toEqual(['NOM', 'Prénom', 'EDU']);
  });

  it('names the learners and parents left out, with the reason, in their own tables', () => {
    const withLeftOut = report({
      people: [
        ...learners.people,
        person({ status: 'ignored', lastName: 'PARTI', firstName: 'Léo', divisions: ['2GA1'], reason: 'left' }),
        person({ status: 'ignored', lastName: 'DORMANT', firstName: 'Inès', reason: 'inactive' }),
        person({ kind: 'parent', status: 'ignored', lastName: 'VOISIN', firstName: 'Paul', children: ['CŒUR Chloé (chloe.cœur)'], reason: 'contact' }),
        person({ kind: 'parent', status: 'ignored', lastName: 'PARTI', firstName: 'Anne', children: ['PARTI Léo'], reason: 'childrenLeft' }),
      ],
    });
    const sections = reportSections(withLeftOut);
    expect(sections.map((s) => [s.id, s.title, s.people.length])).toEqual([
      ['learners', 'Apprenants', 3],
      ['parents', 'Parents', 1],
      ['leftOutLearners', 'Apprenants non importés', 2],
      ['leftOutParents', 'Responsables sans compte parent', 2],
      ['hidden', "Personnes masquées (ont quitté l'établissement)", 1],
    ]);
    const rows = (id: string) => sections.find((s) => s.id === id)!;
    const learnersOut = rows('leftOutLearners');
    expect(learnersOut.people.map((p) => learnersOut.columns.map((c) => c.value(p)))).toEqual([
      ['PARTI', 'Léo', '2GA1', "A quitté l'établissement (date de sortie passée)"],
      ['DORMANT', 'Inès', '', 'Seulement dans « Inactifs »'],
    ]);
    const parentsOut = rows('leftOutParents');
    expect(parentsOut.people.map((p) => parentsOut.columns.map((c) => c.value(p)))).toEqual([
      ['VOISIN', 'Paul', 'CŒUR Chloé (chloe.cœur)', 'Personne à contacter seulement (niveau 3) : pas de compte parent'],
      ['PARTI', 'Anne', 'PARTI Léo', "Aucun de ses enfants n'est importé (partis ou inactifs)"],
    ]);
    expect(leftOutCounts(withLeftOut)).toEqual({ learners: 2, parents: 2 });
    expect(reportAsText(withLeftOut, { establishment: 'Lycée', date: null })).toContain('PARTI');
  });

  it('filters on any column, ignoring accents and case, and on the status', () => {
    const [table] = reportSections(learners);
    expect(filterPeople(table!, 'chloe', 'all').map((p) => p.login)).toEqual(['chloe.cœur']);
    expect(filterPeople(table!, '2ga', 'all')).toHaveLength(2);
    expect(filterPeople(table!, 'SANS CLASSE', 'all').map((p) => p.login)).toEqual(['sans.classe']);
    expect(filterPeople(table!, '', 'unchanged').map((p) => p.login)).toEqual(['lucas.martin']);
  });
});

describe('the copied report', () => {
  it('is plain text with one tab-separated line per person, passwords included', () => {
    const text = reportAsText(learners, { establishment: 'Lycée de démonstration', date: '28/11/2026 12:00' });
    expect(text).toContain("Rapport d'importation : apprenants et parents");
    expect(text).toContain('Importation du 28/11/2026 12:00');
    expect(text).toContain('CŒUR\tChloé\tchloe.cœur\t01022010\t2GA1\t_G1_AGL\tCréé');
    expect(text).toContain('CŒUR\tAnne\tanne.cœur\tx7Yq\tCŒUR Chloé (chloe.cœur)\tCréé');
  });

  it('is also HTML tables, escaped, for a word processor', () => {
    const html = reportAsHtml(report({ people: [person({ lastName: '<b>X</b>', login: 'x' })] }), { establishment: 'A & B', date: null });
    expect(html).toContain('<caption');
    expect(html).toContain('&lt;b&gt;X&lt;/b&gt;');
    expect(html).toContain('A &amp; B');
    expect(html).not.toContain('<b>X</b>');
  });
});

describe('warnings', () => {
  it('names the file and the line once', () => {
    expect(warningText({ code: 'c', message: 'a.xml, ligne 3 : pas de classe', file: 'a.xml', line: 3 })).toBe('a.xml, ligne 3 : pas de classe');
    expect(warningText({ code: 'c', message: 'pas de classe', file: 'a.xml', line: 3 })).toBe('a.xml, ligne 3 : pas de classe');
    expect(warningText({ code: 'c', message: 'rien', file: null, line: null })).toBe('rien');
  });
});
