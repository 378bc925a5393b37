import PDFDocument from 'pdfkit';
import { legalGuardianTitle, salutation } from '@cerise/common';
import type { EstablishmentsTable } from '../../db/tables/foundation.ts';
import { printable, registerPdfFonts } from '../../util/pdf-fonts.ts';
import { frenchLongDate } from './access.csv.ts';

/** One page: a parent's credentials, for the family. */
export type ParentLetter = {
  civility: string | null;
  firstName: string;
  lastName: string;
  login: string;
  temporaryPassword: string;
  /** Their children, e.g. « Camille APPRENANTE (1GA1) ». */
  children: string[];
};

function establishmentLines(e: EstablishmentsTable): string[] {
  const lines = [e.address, [e.postal_code, e.town].filter(Boolean).join(' ')].filter((l): l is string => Boolean(l && l.trim()));
  const contact = [e.phone ? `Tél. ${e.phone}` : null, e.email].filter(Boolean).join(' — ');
  if (contact) lines.push(contact);
  if (e.website) lines.push(e.website);
  return lines;
}

/**
 * The printable letters (pdfkit, A4): one page per parent with the establishment's name, the
 * login address, the login and the temporary password, to change at first login.
 */
export function renderParentLetters(p: { establishment: EstablishmentsTable; loginUrl: string; date: Date; letters: ParentLetter[] }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    autoFirstPage: false,
    info: { Title: printable(`Identifiants Cerise Pro — ${p.establishment.name}`), Author: printable(p.establishment.name), Creator: 'Cerise Pro' },
    lang: 'fr-FR',
  });
  registerPdfFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const e = p.establishment;
  const today = frenchLongDate(p.date);

  for (const letter of p.letters) {
    doc.addPage();
    const left = doc.page.margins.left;
    const textWidth = doc.page.width - left - doc.page.margins.right;

    doc.font('bold').fontSize(13).text(printable(e.name), { width: textWidth });
    doc.font('body').fontSize(9.5);
    for (const line of establishmentLines(e)) doc.text(printable(line), { width: textWidth });
    doc.moveDown(1.5);

    doc.fontSize(10.5).text(printable(`Le ${today}`), { align: 'right', width: textWidth });
    doc.moveDown(1);
    const name = [letter.civility, letter.firstName, letter.lastName].filter(Boolean).join(' ');
    doc.font('bold').text(printable(`À l'attention de ${name}`), { width: textWidth });
    if (letter.children.length > 0) {
      doc.font('body').text(printable(`${legalGuardianTitle(letter.civility)} de : ${letter.children.join(', ')}`), { width: textWidth });
    }
    doc.moveDown(1.5);

    doc.font('bold').text('Objet : vos identifiants de connexion à Cerise Pro', { width: textWidth });
    doc.moveDown(1);
    doc.font('body').text(salutation(letter.civility), { width: textWidth });
    doc.moveDown(0.6);
    doc.text(
      printable(
        "L'établissement suit l'acquisition des compétences professionnelles de ses élèves avec Cerise Pro. Avec votre compte personnel, vous pouvez consulter le tableau de bord et les évaluations de votre enfant.",
      ),
      { width: textWidth, align: 'justify' },
    );
    doc.moveDown(1);

    // The credentials, in a frame.
    const boxTop = doc.y;
    const rows: [string, string, boolean][] = [
      ['Adresse de connexion', p.loginUrl, false],
      ['Identifiant', letter.login, true],
      ['Mot de passe provisoire', letter.temporaryPassword, true],
    ];
    let y = boxTop + 12;
    for (const [label, value, mono] of rows) {
      doc.font('body').fontSize(10.5).text(printable(`${label} :`), left + 14, y, { width: 150 });
      doc.font(mono ? 'monoBold' : 'bold').fontSize(mono ? 12 : 10.5).text(printable(value), left + 170, y, { width: textWidth - 184 });
      y = Math.max(doc.y, y + 16) + 6;
    }
    doc.rect(left, boxTop, textWidth, y - boxTop + 6).lineWidth(1).stroke();
    doc.x = left;
    doc.y = y + 18;

    doc.font('body').fontSize(10.5);
    doc.text(
      printable(
        'À votre première connexion, Cerise Pro vous demandera de choisir un mot de passe personnel (8 caractères au moins, différent de votre date de naissance). Ce mot de passe provisoire remplace tout mot de passe précédent.',
      ),
      { width: textWidth, align: 'justify' },
    );
    doc.moveDown(0.6);
    doc.text(printable('Ces identifiants sont personnels : ne les communiquez à personne. En cas de perte, adressez-vous au secrétariat.'), {
      width: textWidth,
      align: 'justify',
    });
    doc.moveDown(1);
    doc.text(printable(`Veuillez agréer, ${salutation(letter.civility)} nos salutations distinguées.`), { width: textWidth });
    doc.moveDown(2);
    doc.text(printable("Le chef d'établissement"), { align: 'right', width: textWidth });
    if (e.head_name) doc.text(printable(e.head_name), { align: 'right', width: textWidth });
  }
  doc.end();
  return done;
}
