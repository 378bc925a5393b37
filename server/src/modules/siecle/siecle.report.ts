import PDFDocument from 'pdfkit';
import type { SiecleImportCountKind, SiecleImportReport, SiecleImportReportPerson, SiecleLeftOutReason } from '@cerise/common';
import { textCell, toFrenchCsv } from '../../util/csv.ts';
import { printable, registerPdfFonts } from '../../util/pdf-fonts.ts';
import { drawPdfTable } from '../../util/pdf-table.ts';
import { EXPIRED_PASSWORDS_NOTE } from './siecle.passwords.ts';

/*
 * The import report as files: CSV (one line per person) and a printable PDF laid out as the web
 * report (web/src/features/imports/report-model.ts): same title, counts table, then one table per
 * kind of person. Pure functions of the stored report (serializable data), whatever runs them.
 */

const KIND: Record<SiecleImportReportPerson['kind'], string> = {
  teacher: 'Enseignant',
  head: "Chef d'établissement",
  learner: 'Apprenant',
  parent: 'Parent',
  ignored: 'Personnel ignoré',
};
const STATUS: Record<SiecleImportReportPerson['status'], string> = {
  created: 'créé',
  updated: 'mis à jour',
  unchanged: 'inchangé',
  hidden: 'masqué (a quitté l’établissement)',
  ignored: 'ignoré',
};
/** Why a learner or a parent of the files gets no account (web: imports.people.reasons). */
export const LEFT_OUT_REASON: Record<SiecleLeftOutReason, string> = {
  left: "a quitté l'établissement (date de sortie passée)",
  inactive: 'seulement dans « Inactifs »',
  contact: 'personne à contacter seulement (niveau 3) : pas de compte parent',
  childrenLeft: "aucun de ses enfants n'est importé (partis ou inactifs)",
};
const KIND_TITLE: Record<SiecleImportReport['kind'], string> = {
  teachers: "enseignants et chefs d'établissement",
  learners: 'apprenants et parents',
};
/** The counts that apply to each kind of import (web: countKindsOf). */
const COUNT_KINDS: Record<SiecleImportReport['kind'], SiecleImportCountKind[]> = {
  teachers: ['divisions', 'groups', 'teachers', 'heads'],
  learners: ['divisions', 'groups', 'learners', 'parents'],
};
const COUNT_LABEL: Record<SiecleImportCountKind, string> = {
  divisions: 'Divisions (classes)',
  groups: 'Groupes',
  teachers: 'Enseignants',
  heads: "Chefs d'établissement",
  learners: 'Apprenants',
  parents: 'Parents',
};

function statusText(p: SiecleImportReportPerson): string {
  if (p.status === 'ignored' && p.reason) return `non importé : ${LEFT_OUT_REASON[p.reason]}`;
  return STATUS[p.status];
}

/** The report as CSV (`;`, UTF-8 BOM): one line per person; logins and passwords kept as text. */
export function reportCsv(report: SiecleImportReport): string {
  const expired = report.initialPasswordsExpired ? 'expiré — voir « Accès parents, accès apprenants »' : null;
  return toFrenchCsv(
    ['Type', 'État', 'Civilité', 'Nom', 'Prénom', 'Identifiant', 'Mot de passe provisoire', 'Discipline ou fonction', 'Classes', 'Groupes', 'Enfants'],
    report.people.map((p) => [
      KIND[p.kind],
      statusText(p),
      p.civility,
      p.lastName,
      p.firstName,
      textCell(p.login),
      p.initialPassword ? textCell(p.initialPassword) : expired && p.login && p.status === 'created' ? expired : null,
      p.kind === 'ignored' ? p.function : p.discipline,
      p.divisions.join(', '),
      p.groups.join(', '),
      p.children.join(', '),
    ]),
  );
}

type Column = { header: string; width: number | '*'; value: (p: SiecleImportReportPerson) => string };
type Section = { title: string; people: SiecleImportReportPerson[]; columns: Column[] };

const list = (values: string[]) => values.join(', ');

/** The tables of the report, in the web report's order and with its columns. */
export function reportTables(report: SiecleImportReport): Section[] {
  const withPasswords = !report.dryRun;
  const col = (header: string, width: Column['width'], value: Column['value']): Column => ({ header, width, value });
  const lastName = col('Nom', '*', (p) => p.lastName.toUpperCase());
  const firstName = col('Prénom', '*', (p) => p.firstName);
  const login = col('Identifiant', '*', (p) => p.login ?? '');
  const password = col('Mot de passe provisoire', 80, (p) =>
    p.initialPassword ?? (p.status === 'created' ? (report.initialPasswordsExpired ? 'expiré' : '') : 'compte existant'),
  );
  const state = col('État', 62, (p) => STATUS[p.status].replace(/ \(.*\)$/, ''));
  const credentials = withPasswords ? [login, password] : [login];
  const reason = col('Motif', '*', (p) => (p.reason ? LEFT_OUT_REASON[p.reason] : ''));
  const of = (kind: SiecleImportReportPerson['kind'], status?: SiecleImportReportPerson['status']) =>
    report.people.filter((p) => p.kind === kind && (status ? p.status === status : p.status !== 'hidden' && p.status !== 'ignored'));
  const sections: Section[] =
    report.kind === 'teachers'
      ? [
          { title: 'Enseignants', people: of('teacher'), columns: [lastName, firstName, ...credentials, col('Discipline', '*', (p) => p.discipline ?? ''), col('Classes et groupes', '*', (p) => list([...p.divisions, ...p.groups])), state] },
          { title: "Chefs d'établissement", people: of('head'), columns: [lastName, firstName, ...credentials, state] },
          { title: "Personnels ignorés (ni enseignants ni chefs d'établissement)", people: of('ignored', 'ignored'), columns: [lastName, firstName, col('Fonction', '*', (p) => p.function ?? p.discipline ?? 'sans fonction')] },
        ]
      : [
          { title: 'Apprenants', people: of('learner'), columns: [lastName, firstName, ...credentials, col('Classe', 52, (p) => (p.divisions.length > 0 ? list(p.divisions) : 'sans classe')), col('Groupes', '*', (p) => list(p.groups)), state] },
          { title: 'Parents', people: of('parent'), columns: [lastName, firstName, ...credentials, col('Enfants', '*', (p) => list(p.children)), state] },
          { title: 'Apprenants non importés', people: of('learner', 'ignored'), columns: [lastName, firstName, col('Classe', '*', (p) => list([...p.divisions, ...p.groups])), reason] },
          { title: 'Responsables sans compte parent', people: of('parent', 'ignored'), columns: [lastName, firstName, col('Enfants', '*', (p) => list(p.children)), reason] },
        ];
  sections.push({
    title: "Personnes masquées (ont quitté l'établissement)",
    people: report.people.filter((p) => p.status === 'hidden'),
    columns: [col('Profil', 90, (p) => KIND[p.kind]), lastName, firstName, login],
  });
  // The main tables always (even empty), the others only when they list someone (as on the web).
  return sections.filter((s, i) => i < 2 || s.people.length > 0);
}

/** The sentences of the web « Résumé » that apply to this report. */
export function reportNotes(report: SiecleImportReport): string[] {
  const future = report.dryRun;
  const n = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;
  const notes: string[] = [];
  if (report.kind === 'teachers' && report.ignored > 0) {
    notes.push(
      `${n(report.ignored, "personnel qui n'est ni enseignant ni chef d'établissement", "personnels qui ne sont ni enseignants ni chefs d'établissement")} ${future ? (report.ignored === 1 ? 'sera ignoré' : 'seront ignorés') : report.ignored === 1 ? 'a été ignoré' : 'ont été ignorés'}.`,
    );
  }
  const learners = report.people.filter((p) => p.kind === 'learner' && p.status === 'ignored').length;
  const parents = report.people.filter((p) => p.kind === 'parent' && p.status === 'ignored').length;
  if (learners > 0) {
    const verb = learners === 1 ? (future ? 'ne sera pas importé' : "n'a pas été importé") : future ? 'ne seront pas importés' : "n'ont pas été importés";
    notes.push(`${n(learners, 'apprenant des fichiers', 'apprenants des fichiers')} ${verb} : voir « Apprenants non importés ».`);
  }
  if (parents > 0) {
    const verb = parents === 1 ? (future ? "n'aura pas de compte parent" : "n'a pas de compte parent") : future ? "n'auront pas de compte parent" : "n'ont pas de compte parent";
    notes.push(`${n(parents, 'responsable des fichiers', 'responsables des fichiers')} ${verb} : voir « Responsables sans compte parent ».`);
  }
  const hidden = COUNT_KINDS[report.kind].reduce((sum, k) => sum + report.hidden[k], 0);
  if (hidden > 0) notes.push("Les personnes masquées ont quitté l'établissement : elles ne peuvent plus se connecter, mais leurs résultats restent enregistrés.");
  if (report.mailsQueued > 0) {
    notes.push(report.mailsQueued === 1 ? "1 courriel avec l'identifiant et le mot de passe provisoire va être envoyé." : `${report.mailsQueued} courriels avec l'identifiant et le mot de passe provisoire vont être envoyés.`);
  }
  if (report.initialPasswordsExpired) notes.push(EXPIRED_PASSWORDS_NOTE);
  return notes;
}

/** A printable PDF of the report: the web report's title, counts as a table, then one table per kind of person. */
export function reportPdf(report: SiecleImportReport, establishmentName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const title = `Rapport d’importation : ${KIND_TITLE[report.kind]}`;
    const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: title, Author: 'Cerise Pro' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    // Unicode font: every name prints as typed; what it cannot draw shows as □ (printable()).
    registerPdfFonts(doc).font('body');
    const left = doc.page.margins.left;
    const heading = (text: string) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
      doc.x = left;
      doc.moveDown(0.8).font('bold').fontSize(12).text(printable(text)).font('body').moveDown(0.3);
    };
    const table = (header: string[], rows: string[][], widths: (number | '*')[], align: ('left' | 'right')[] = []) => {
      doc.x = left;
      drawPdfTable(doc, header, rows.map((r) => r.map((text) => printable(text))), { widths, align });
    };

    doc.font('bold').fontSize(14).text(title).font('body');
    doc.moveDown(0.3).fontSize(10).text(printable(`${establishmentName} — année scolaire ${report.schoolYear}`));
    doc.text(printable(`Fichiers : ${report.files.join(', ')}`));
    if (report.dryRun) doc.text('Analyse : rien n’est encore importé.');

    heading('Résumé');
    const kinds = COUNT_KINDS[report.kind];
    table(
      ['Type', 'Créés', 'Mis à jour', 'Masqués'],
      kinds.map((k) => [COUNT_LABEL[k], String(report.created[k]), String(report.updated[k]), String(report.hidden[k])]),
      ['*', 70, 70, 70],
      ['left', 'right', 'right', 'right'],
    );
    const notes = reportNotes(report);
    if (notes.length > 0) {
      doc.moveDown(0.5).fontSize(9.5);
      for (const note of notes) doc.text(printable(note)).moveDown(0.2);
    }
    if (report.divisionsCreated.length > 0 || report.groupsCreated.length > 0) {
      heading('Classes et groupes créés');
      doc.fontSize(9.5);
      if (report.divisionsCreated.length > 0) doc.text(printable(`Divisions créées : ${report.divisionsCreated.join(', ')}`));
      if (report.groupsCreated.length > 0) doc.text(printable(`Groupes créés : ${report.groupsCreated.join(', ')}`));
    }
    if (report.warnings.length > 0) {
      heading(`Avertissements (${report.warnings.length})`);
      table(['Fichier', 'Ligne', 'Avertissement'], report.warnings.map((w) => [w.file ?? '', w.line === null ? '' : String(w.line), w.message]), [130, 36, '*']);
    }
    for (const section of reportTables(report)) {
      heading(`${section.title} (${section.people.length})`);
      if (section.people.length === 0) {
        doc.fontSize(9.5).text('Aucune personne.');
        continue;
      }
      table(
        section.columns.map((c) => c.header),
        section.people.map((p) => section.columns.map((c) => c.value(p))),
        section.columns.map((c) => c.width),
      );
    }
    doc.end();
  });
}
