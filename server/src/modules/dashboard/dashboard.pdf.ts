import PDFDocument from 'pdfkit';
import { CCF_VERDICT_LABELS, DASHBOARD_STATE_COLORS, DASHBOARD_STATE_LABELS, MASTERY_METHOD_LABELS, type LearnerDashboard } from '@cerise/common';
import { PDF_FONTS } from '../../util/pdf-fonts.ts';

/** The texts of the PDF (French; the screen's come from the web catalogue). */
const TEXT = {
  title: 'Tableau de bord',
  printedOn: (d: string) => `Édité le ${d}`,
  method: (m: string) => `Méthode de calcul : ${m}.`,
  bars: 'Maîtrise des compétences',
  evidence: (n: number) => `${n} preuve${n > 1 ? 's' : ''}`,
  ccf: 'Aide à la décision CCF',
  ccfNote: 'Une aide pour l’équipe pédagogique, pas une décision : c’est l’équipe qui décide qui présenter.',
  ep1: 'BEP — EP1',
  noReason: 'Toutes les conditions sont réunies.',
  blocked: 'Compétences bloquées',
};

const frenchDate = (d: Date) => new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(d);

/** A learner's dashboard on A4 (pdfkit, Unicode font): bars with their state, evidence counts, CCF verdicts with reasons. */
export function renderDashboardPdf(d: LearnerDashboard, at: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 48, bottom: 48, left: 48, right: 48 }, info: { Title: `${TEXT.title} — ${d.learner.firstName} ${d.learner.lastName}`, Creator: 'Cerise Pro' }, lang: 'fr-FR' });
  doc.registerFont('body', PDF_FONTS.regular);
  doc.registerFont('bold', PDF_FONTS.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  doc.font('bold').fontSize(18).text(`${TEXT.title} — ${d.learner.firstName} ${d.learner.lastName}`);
  doc.font('body').fontSize(9).fillColor('#444').text(TEXT.printedOn(frenchDate(at)));
  doc.text(TEXT.method(MASTERY_METHOD_LABELS[d.method])).fillColor('black').moveDown();

  doc.font('bold').fontSize(14).text(TEXT.bars);
  const labelW = 220;
  const barW = 100;
  for (const pole of d.poles) {
    ensure(40);
    doc.moveDown(0.5).font('bold').fontSize(11).text(`${pole.code} ${pole.title}`, left, doc.y, { width });
    for (const cls of pole.classes) {
      ensure(30);
      doc.font('bold').fontSize(9).fillColor('#333').text(`${cls.code} ${cls.title}`, left + 8, doc.y, { width: width - 8 }).fillColor('black');
      for (const c of cls.competencies) {
        ensure(16);
        const y = doc.y + 2;
        doc.font('body').fontSize(8).text(`${c.code} ${c.label}`, left + 16, y, { width: labelW - 16, height: 11, ellipsis: true, lineBreak: false });
        doc.rect(left + labelW, y, barW, 9).strokeColor('#999').lineWidth(0.5).stroke();
        if (c.percent !== null && c.state !== 'insufficient') doc.rect(left + labelW, y, (barW * c.percent) / 100, 9).fill(DASHBOARD_STATE_COLORS[c.state]);
        const pct = c.percent === null || c.state === 'insufficient' ? '' : `${c.percent} % — `;
        const blocked = c.blocked ? ' — bloquée' : '';
        doc.fillColor('black').text(`${pct}${DASHBOARD_STATE_LABELS[c.state]} — ${TEXT.evidence(c.evidenceCount)}${blocked}`, left + labelW + barW + 6, y, { width: width - labelW - barW - 6, lineBreak: false });
        doc.x = left;
        doc.y = y + 12;
      }
    }
  }

  if (d.blocked.length > 0) {
    ensure(40);
    doc.moveDown().font('bold').fontSize(14).text(TEXT.blocked, left, doc.y);
    doc.font('body').fontSize(9).text(d.blocked.map((b) => `${b.code} ${b.label}`).join(' ; '), { width });
  }

  ensure(80);
  doc.moveDown().font('bold').fontSize(14).text(TEXT.ccf, left, doc.y);
  doc.font('body').fontSize(9).fillColor('#444').text(TEXT.ccfNote, { width }).fillColor('black');
  for (const u of d.ccf) {
    ensure(40);
    doc.moveDown(0.5).font('bold').fontSize(11).text(`${u.unitCode} (pôle ${u.poleCode}) : ${CCF_VERDICT_LABELS[u.verdict]}`, left, doc.y, { width });
    doc.font('body').fontSize(9).text(`${u.acquiredPercent} % des compétences acquises ; ${TEXT.evidence(u.evidenceCount)}.`, { width });
    for (const reason of u.reasons.length > 0 ? u.reasons : [TEXT.noReason]) doc.text(`• ${reason}`, left + 8, doc.y, { width: width - 8 });
  }
  ensure(40);
  doc.moveDown(0.5).font('bold').fontSize(11).text(TEXT.ep1, left, doc.y);
  doc.font('body').fontSize(9).text(d.bep.ep1.text, { width });
  doc.end();
  return done;
}
