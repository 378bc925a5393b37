import { LEVELS, type Evaluation } from '@cerise/common';
import PDFDocument from 'pdfkit';
import { PDF_FONTS } from '../../util/pdf-fonts.ts';

/**
 * The blank evaluation sheet (docs/guide.md § 3.6.2, « fiche d'évaluation vierge »): the title, the date,
 * the competencies with their complexities and hazards, then one row per learner with a box per
 * level (its key letter printed inside, so it reads in black and white) and room for a comment.
 * A4 landscape; competencies beyond 7 go to a further table, the learners' names repeated.
 */

const PAGE = { width: 841.89, height: 595.28, margin: 28 };
const NAME_W = 150;
const COMMENT_MIN_W = 150;
const BOX = 9;
const BOX_GAP = 2;
const COL_W = LEVELS.length * (BOX + BOX_GAP) + 8;
const ROW_H = 24;
const HEAD_H = 30;

const formatDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function renderBlankSheet(e: Evaluation, establishmentName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: PAGE.margin,
      info: { Title: `Fiche d'évaluation — ${e.title}`, Author: establishmentName, Creator: 'Cerise Pro' },
      lang: 'fr-FR',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', PDF_FONTS.regular);
    doc.registerFont('bold', PDF_FONTS.bold);
    doc.registerFont('condensed', PDF_FONTS.condensed);

    const left = PAGE.margin;
    const usable = PAGE.width - 2 * PAGE.margin;
    doc.font('bold').fontSize(15).text(e.title, left, PAGE.margin, { width: usable });
    const classes = [...new Set(e.learners.flatMap((l) => l.classCodes))].sort().join(', ');
    doc
      .font('body')
      .fontSize(9.5)
      .text(`${establishmentName} — évaluation du ${formatDate(e.evaluatedOn)}${classes ? ` — ${classes}` : ''} — ${e.author.firstName} ${e.author.lastName}`);
    doc.moveDown(0.5);
    doc.font('bold').fontSize(10).text('Compétences évaluées');
    for (const c of e.competencies) {
      doc.font('bold').fontSize(8.5).text(`${c.code} `, { continued: true }).font('body').text(c.label);
      const extra = [
        c.complexities.length ? `Complexités : ${c.complexities.map((i) => i.label).join(' ; ')}` : '',
        c.hazards.length ? `Aléas : ${c.hazards.map((i) => i.label).join(' ; ')}` : '',
      ].filter(Boolean);
      if (extra.length) doc.font('body').fontSize(8).fillColor('#333333').text(extra.join('   '), { indent: 12 }).fillColor('black');
    }
    doc.moveDown(0.4);
    doc
      .font('body')
      .fontSize(8.5)
      .text(`Cochez une case par compétence : ${LEVELS.map((l) => `${l.key.toUpperCase()} = ${l.label}`).join(' · ')}.`, { width: usable });
    doc.moveDown(0.6);

    const perTable = Math.max(1, Math.floor((usable - NAME_W - COMMENT_MIN_W) / COL_W));
    for (let start = 0; start < e.competencies.length || start === 0; start += perTable) {
      const cols = e.competencies.slice(start, start + perTable);
      drawTable(doc, e, cols, usable);
      if (start + perTable >= e.competencies.length) break;
      doc.addPage();
    }
    doc.end();
  });
}

function drawTable(doc: PDFKit.PDFDocument, e: Evaluation, cols: Evaluation['competencies'], usable: number) {
  const left = PAGE.margin;
  const commentW = usable - NAME_W - cols.length * COL_W;
  const bottom = PAGE.height - PAGE.margin;
  const header = () => {
    let y = doc.y;
    if (y + HEAD_H + ROW_H > bottom) {
      doc.addPage();
      y = doc.y;
    }
    doc.lineWidth(0.8).rect(left, y, usable, HEAD_H).stroke();
    doc.font('bold').fontSize(9).text('Apprenant', left + 4, y + 10, { width: NAME_W - 8 });
    cols.forEach((c, i) => {
      const x = left + NAME_W + i * COL_W;
      doc.moveTo(x, y).lineTo(x, y + HEAD_H).stroke();
      doc.font('bold').fontSize(9).text(c.code, x, y + 4, { width: COL_W, align: 'center' });
      doc.font('condensed').fontSize(6.5).text(LEVELS.map((l) => l.key.toUpperCase()).join('  '), x, y + 18, { width: COL_W, align: 'center' });
    });
    const cx = left + NAME_W + cols.length * COL_W;
    doc.moveTo(cx, y).lineTo(cx, y + HEAD_H).stroke();
    doc.font('bold').fontSize(9).text('Commentaire', cx + 4, y + 10, { width: commentW - 8 });
    doc.y = y + HEAD_H;
  };
  header();
  for (const l of e.learners) {
    if (doc.y + ROW_H > bottom) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.lineWidth(0.5).rect(left, y, usable, ROW_H).stroke();
    doc.font('body').fontSize(8.5).text(`${l.lastName} ${l.firstName}`, left + 4, y + 4, { width: NAME_W - 8, height: ROW_H - 4, ellipsis: true });
    cols.forEach((_c, i) => {
      const x = left + NAME_W + i * COL_W;
      doc.moveTo(x, y).lineTo(x, y + ROW_H).stroke();
      LEVELS.forEach((lv, k) => {
        const bx = x + 5 + k * (BOX + BOX_GAP);
        const by = y + (ROW_H - BOX) / 2;
        doc.lineWidth(0.6).rect(bx, by, BOX, BOX).stroke();
        doc.font('condensed').fontSize(5.5).fillColor('#555555').text(lv.key.toUpperCase(), bx, by + 1.8, { width: BOX, align: 'center' }).fillColor('black');
      });
    });
    const cx = left + NAME_W + cols.length * COL_W;
    doc.lineWidth(0.5).moveTo(cx, y).lineTo(cx, y + ROW_H).stroke();
    doc.y = y + ROW_H;
  }
  doc.x = left;
  doc.moveDown(1);
}
