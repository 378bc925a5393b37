import PDFDocument from 'pdfkit';
import { LEVEL_BY_CODE } from '@cerise/common';
import { PDF_FONTS } from '../../util/pdf-fonts.ts';

/**
 * The passport extract for the CCF file: one learner, one pôle or all, laid out as
 * an exam commission reads it — a cover with the learner and a summary table, then each
 * situation: its identification, the BAC PRO part, the BEP MSA part, the reviews and the
 * list of attachments. Pure: the data is loaded by passport.extract.ts.
 */

export type ExtractSituation = {
  title: string;
  occurredOn: string;
  place: string;
  context: string;
  conditions: string;
  poleCode: string;
  situationCode: string;
  situationTitle: string;
  competencyCode: string;
  competencyLabel: string;
  complexities: string[];
  hazards: string[];
  doneText: string;
  producedText: string;
  analysisText: string;
  usageText: string;
  bep: { code: string; label: string; text: string } | null;
  reviews: { level: 'RT' | 'RP' | 'ECA' | 'TE'; appraisal: string; reviewedOn: string; teacher: string }[];
  attachments: { filename: string; part: 'common' | 'bacpro' | 'bep' }[];
};

export type ExtractData = {
  establishment: string;
  learner: string;
  division: string | null;
  pole: { code: string; title: string } | null;
  generatedOn: string;
  situations: ExtractSituation[];
};

const PART_LABELS = { common: 'commune aux parties BAC PRO et BEP', bacpro: 'partie BAC PRO', bep: 'partie BEP' } as const;
export const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function extractPdf(data: ExtractData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      bufferPages: true,
      info: { Title: `Passeport professionnel — ${data.learner}`, Author: 'Cerise Pro', Subject: 'Extrait pour le dossier CCF' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', PDF_FONTS.regular);
    doc.registerFont('bold', PDF_FONTS.bold);
    doc.registerFont('italic', PDF_FONTS.oblique);

    cover(doc, data);
    data.situations.forEach((s, i) => situation(doc, s, i + 1, data.situations.length));

    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('body').fontSize(8).fillColor('#555555');
      doc.text(`${data.learner} — Passeport professionnel — page ${i + 1} / ${range.count}`, 50, doc.page.height - 35, { width: doc.page.width - 100, align: 'center' });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}

type Doc = PDFKit.PDFDocument;
const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function cover(doc: Doc, data: ExtractData) {
  doc.font('bold').fontSize(18).fillColor('#000000').text('Passeport professionnel — extrait pour le dossier CCF');
  doc.moveDown(0.5);
  doc.font('body').fontSize(11);
  doc.text(`Établissement : ${data.establishment}`);
  doc.text(`Apprenant : ${data.learner}${data.division ? ` (${data.division})` : ''}`);
  doc.text(data.pole ? `Pôle ${data.pole.code} : ${data.pole.title}` : 'Tous les pôles');
  doc.text(`Édité le ${frenchDate(data.generatedOn)}`);
  doc.moveDown();
  doc.font('bold').fontSize(13).text(`Situations professionnelles (${data.situations.length})`);
  doc.moveDown(0.3);
  if (data.situations.length === 0) {
    doc.font('italic').fontSize(11).text('Aucune situation professionnelle saisie pour ce périmètre.');
    return;
  }
  doc.font('body').fontSize(9);
  data.situations.forEach((s, i) => {
    const last = s.reviews.at(-1);
    const review = last ? `${LEVEL_BY_CODE[last.level].label} (${frenchDate(last.reviewedOn)})` : 'non évaluée';
    doc.text(`${i + 1}. ${frenchDate(s.occurredOn)} — ${s.situationCode} ${s.title} — ${review}${s.bep ? ` — BEP ${s.bep.code}` : ''}`, { width: width(doc) });
  });
}

function heading(doc: Doc, text: string) {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.6);
  doc.font('bold').fontSize(11).fillColor('#7a1f3d').text(text);
  doc.fillColor('#000000');
  doc.moveDown(0.2);
}

function field(doc: Doc, label: string, value: string) {
  doc.font('bold').fontSize(10).text(`${label} : `, { continued: true });
  doc.font('body').text(value.trim() || '—', { width: width(doc) });
}

function block(doc: Doc, label: string, value: string) {
  doc.font('bold').fontSize(10).text(label);
  doc.font('body').fontSize(10).text(value.trim() || '—', { width: width(doc) });
  doc.moveDown(0.3);
}

function situation(doc: Doc, s: ExtractSituation, n: number, total: number) {
  doc.addPage();
  doc.font('bold').fontSize(14).fillColor('#000000').text(`Situation ${n} / ${total} : ${s.title}`);
  doc.moveDown(0.3);
  field(doc, 'Date', frenchDate(s.occurredOn));
  field(doc, 'Lieu', s.place);
  field(doc, 'Pôle', s.poleCode);
  field(doc, 'Situation professionnelle', `${s.situationCode} ${s.situationTitle}`);
  field(doc, 'Compétence', `${s.competencyCode} ${s.competencyLabel}`);
  field(doc, 'Complexités rencontrées', s.complexities.join(' ; ') || 'aucune');
  field(doc, 'Aléas rencontrés', s.hazards.join(' ; ') || 'aucun');
  heading(doc, 'Contexte et conditions de réalisation');
  block(doc, 'Contexte', s.context);
  block(doc, 'Conditions de réalisation', s.conditions);
  heading(doc, 'Partie BAC PRO');
  block(doc, 'Ce que j’ai fait', s.doneText);
  block(doc, 'Ce que j’ai produit', s.producedText);
  block(doc, 'Analyse', s.analysisText);
  block(doc, 'Utilisation de la compétence', s.usageText);
  heading(doc, 'Partie BEP MSA');
  if (s.bep) {
    field(doc, 'Activité', `${s.bep.code} ${s.bep.label}`);
    block(doc, 'Détails', s.bep.text);
  } else {
    doc.font('italic').fontSize(10).text('Non rattachée à une activité du BEP MSA.');
  }
  heading(doc, 'Évaluations des enseignants');
  if (s.reviews.length === 0) doc.font('italic').fontSize(10).text('Aucune évaluation.');
  for (const r of s.reviews) {
    doc.font('bold').fontSize(10).text(`${frenchDate(r.reviewedOn)} — ${LEVEL_BY_CODE[r.level].label} — ${r.teacher}`);
    if (r.appraisal.trim()) doc.font('body').text(r.appraisal, { width: width(doc) });
    doc.moveDown(0.2);
  }
  heading(doc, 'Pièces jointes');
  if (s.attachments.length === 0) doc.font('italic').fontSize(10).text('Aucune pièce jointe.');
  for (const a of s.attachments) doc.font('body').fontSize(10).text(`• ${a.filename} (${PART_LABELS[a.part]})`, { width: width(doc) });
}
