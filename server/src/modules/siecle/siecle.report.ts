import PDFDocument from 'pdfkit';
import type { SiecleImportReport, SiecleImportReportPerson } from '@cerise/common';
import { textCell, toFrenchCsv } from '../../util/csv.ts';
import { printable, registerPdfFonts } from '../../util/pdf-fonts.ts';
import { EXPIRED_PASSWORDS_NOTE } from './siecle.passwords.ts';

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

/** The report as CSV (`;`, UTF-8 BOM): one line per person. */
export function reportCsv(report: SiecleImportReport): string {
  const expired = report.initialPasswordsExpired ? 'expiré — voir « Accès parents, accès apprenants »' : null;
  return toFrenchCsv(
    ['Type', 'État', 'Civilité', 'Nom', 'Prénom', 'Identifiant', 'Mot de passe provisoire', 'Discipline ou fonction', 'Classes', 'Groupes', 'Enfants'],
    report.people.map((p) => [
      KIND[p.kind],
      STATUS[p.status],
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

/** A printable PDF of the report: counts, then the people with their logins. */
export function reportPdf(report: SiecleImportReport, establishmentName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: 'Rapport d’importation Cerise Pro', Author: 'Cerise Pro' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    // Unicode font: every name prints as typed; what it cannot draw shows as □ (printable()).
    registerPdfFonts(doc).font('body');

    doc.fontSize(16).text(`Rapport d’importation — ${report.kind === 'teachers' ? 'enseignants et direction' : 'apprenants et parents'}`);
    doc.moveDown(0.3).fontSize(10).text(`${printable(establishmentName)} — année scolaire ${report.schoolYear}`);
    doc.text(printable(`Fichiers : ${report.files.join(', ')}`));
    doc.moveDown(0.5);
    const counts = (label: string, c: SiecleImportReport['created']) =>
      doc.text(`${label} : ${c.divisions} divisions, ${c.groups} groupes, ${c.teachers} enseignants, ${c.heads} chefs d’établissement, ${c.learners} apprenants, ${c.parents} parents`);
    counts('Créés', report.created);
    counts('Mis à jour', report.updated);
    counts('Masqués', report.hidden);
    if (report.warnings.length) {
      doc.moveDown(0.5).fontSize(11).text('Avertissements');
      doc.fontSize(9);
      for (const w of report.warnings.slice(0, 200)) doc.text(printable(`• ${w.message}`));
    }
    if (report.initialPasswordsExpired) doc.moveDown(0.5).fontSize(10).text(EXPIRED_PASSWORDS_NOTE);
    doc.moveDown(0.5).fontSize(11).text('Personnes');
    doc.fontSize(9);
    for (const p of report.people) {
      const extra = [p.discipline ?? p.function, p.divisions.join(', '), p.groups.join(', '), p.children.join(', ')].filter(Boolean).join(' — ');
      const creds = p.login ? ` — identifiant ${p.login}${p.initialPassword ? `, mot de passe provisoire ${p.initialPassword}` : ''}` : '';
      doc.text(printable(`${KIND[p.kind]} (${STATUS[p.status]}) : ${p.lastName.toUpperCase()} ${p.firstName}${creds}${extra ? ` — ${extra}` : ''}`));
    }
    doc.end();
  });
}
