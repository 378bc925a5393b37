import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { DbOrTx } from '../../db/schema.ts';
import type { ChosenItemsTable, SchoolLevel } from '../../db/tables/teaching.ts';
import { newId } from '../../util/ids.ts';
import { PDF_FONTS } from '../../util/pdf-fonts.ts';
import { profileFlags } from '../auth/auth.presenter.ts';
import type { DemoContext } from '../demo/demo.seed.ts';
import { newUserRow } from '../establishments/new-accounts.ts';
import { storeUpload } from '../files/files.usecases.ts';
import { SCENARIO_ATTACHMENT_TYPES } from './scenarios.attachments.usecases.ts';

/** The second demo teacher (not in DEMO_LOGINS: the login page offers the four profiles only). */
export const DEMO_SECOND_TEACHER = 'demo.enseignant2';

type DemoScenario = {
  author: string;
  title: string;
  isPrivate: boolean;
  level: SchoolLevel;
  context: string;
  materials: string;
  links: string[];
  resources: string;
  /** Competency codes, each with how many of its first complexities and hazards apply. */
  competencies: [code: string, complexities: number, hazards: number][];
  pdf?: string;
};

const SCENARIOS: DemoScenario[] = [
  {
    author: 'demo.enseignant',
    title: 'Accueil téléphonique d’un fournisseur',
    isPrivate: false,
    level: 'seconde',
    context:
      'La société Bureau Plus, grossiste en fournitures de bureau, appelle pour annoncer un retard de livraison.\nL’apprenant, assistant au service achats de la PME Lumière & Cie, prend l’appel, note le message et en informe le responsable.',
    materials: 'Poste téléphonique, fiche de prise de message, logiciel de messagerie.',
    links: ['https://www.service-public.fr/professionnels-entreprises'],
    resources: 'Fiche méthode « Prendre un message téléphonique » ; annuaire interne de l’entreprise.',
    competencies: [['C111', 1, 1], ['C112', 0, 1]],
  },
  {
    author: 'demo.enseignant',
    title: 'Traitement d’une commande et de sa facture',
    isPrivate: false,
    level: 'premiere',
    context: 'À partir d’un bon de commande et d’un bon de livraison, l’apprenant contrôle la facture reçue et prépare son règlement.',
    materials: 'Tableur, progiciel de gestion intégré (module achats).',
    links: [],
    resources: 'Bon de commande n° 2026-118, bon de livraison, facture fournisseur.',
    competencies: [['C112', 1, 0], ['C113', 1, 1], ['C121', 0, 0]],
  },
  {
    author: 'demo.enseignant',
    title: 'Organisation d’une réunion de service',
    isPrivate: true,
    level: 'terminale',
    context: 'Le directeur demande l’organisation d’une réunion du service commercial : convocation, réservation de la salle, ordre du jour et compte rendu.',
    materials: 'Traitement de texte, agenda partagé.',
    links: ['https://www.economie.gouv.fr/entreprises'],
    resources: 'Consignes du directeur (pièce jointe).',
    competencies: [['C411', 1, 1]],
    pdf: 'Consignes de la réunion.pdf',
  },
  {
    author: DEMO_SECOND_TEACHER,
    title: 'Gestion du courrier entrant',
    isPrivate: false,
    level: 'seconde',
    context: 'Le matin, l’apprenant trie, enregistre et distribue le courrier reçu par l’entreprise.',
    materials: 'Registre du courrier, tampon dateur.',
    links: [],
    resources: 'Procédure interne de traitement du courrier.',
    competencies: [['C111', 0, 0]],
  },
];

/** A small real PDF (pdfkit, Unicode font), written to a temporary file. */
async function writeDemoPdf(title: string): Promise<{ dir: string; file: string; size: number }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cerise-demo-'));
  const file = path.join(dir, 'consignes.pdf');
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Author: 'Cerise Pro' } });
  doc.registerFont('body', PDF_FONTS.regular);
  doc.registerFont('bold', PDF_FONTS.bold);
  const done = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
  });
  doc.font('bold').fontSize(18).text('Consignes de la réunion de service');
  doc.moveDown().font('body').fontSize(12);
  doc.text('Réunion du service commercial, jeudi à 14 h, salle Émeraude.');
  doc.text('Ordre du jour : bilan des ventes du trimestre, préparation du salon professionnel.');
  doc.text('Convoquer les six commerciaux et la responsable, réserver la salle et le vidéoprojecteur.');
  doc.end();
  await done;
  return { dir, file, size: (await fs.promises.stat(file)).size };
}

/** The scenarios module's part of the demo establishment (CONTRACT: every screen shows something). */
export async function seedScenariosDemo(tx: DbOrTx, ctx: DemoContext): Promise<void> {
  const teacher = await tx.selectFrom('users').select(['password_hash']).where('id', '=', ctx.users['demo.enseignant']!).executeTakeFirstOrThrow();
  const second = newUserRow(
    {
      establishment_id: ctx.establishmentId,
      login: DEMO_SECOND_TEACHER,
      last_name: 'Collègue',
      first_name: 'Sophie',
      civility: 'Mme',
      birth_date: '1984-09-12',
      email: `${DEMO_SECOND_TEACHER}@demo.cerise.invalid`,
      source: 'manual',
      password_hash: teacher.password_hash,
      discipline: 'Économie-gestion',
      ...profileFlags(['teacher']),
    },
    ctx.at,
  );
  await tx.insertInto('users').values(second).execute();
  ctx.users[DEMO_SECOND_TEACHER] = second.id;

  const competencies = await tx.selectFrom('competencies').select(['id', 'code']).where('establishment_id', '=', ctx.establishmentId).execute();
  const byCode = new Map(competencies.map((c) => [c.code, c.id]));
  for (const [i, s] of SCENARIOS.entries()) {
    const id = newId();
    // Spread over the last days, so the list's « dernière modification » differs.
    const at = new Date(Date.parse(ctx.at) - (SCENARIOS.length - i) * 86_400_000).toISOString();
    await tx
      .insertInto('scenarios')
      .values({
        id,
        establishment_id: ctx.establishmentId,
        author_id: ctx.users[s.author]!,
        title: s.title,
        is_private: s.isPrivate ? 1 : 0,
        level: s.level,
        context: s.context,
        materials: s.materials,
        links: JSON.stringify(s.links),
        resources: s.resources,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    let position = 0;
    for (const [code, complexityCount, hazardCount] of s.competencies) {
      const competencyId = byCode.get(code) ?? competencies[position]?.id;
      if (!competencyId) continue;
      const ownerId = newId();
      await tx.insertInto('scenario_competencies').values({ id: ownerId, establishment_id: ctx.establishmentId, scenario_id: id, competency_id: competencyId, position: ++position }).execute();
      const complexities = await tx.selectFrom('complexities').select('id').where('competency_id', '=', competencyId).orderBy('position').limit(complexityCount).execute();
      const hazards = await tx.selectFrom('hazards').select('id').where('competency_id', '=', competencyId).orderBy('position').limit(hazardCount).execute();
      const items: ChosenItemsTable[] = [
        ...(complexityCount > 0 ? complexities : []).map((c) => ({ id: newId(), establishment_id: ctx.establishmentId, owner_id: ownerId, complexity_id: c.id, hazard_id: null })),
        ...(hazardCount > 0 ? hazards : []).map((h) => ({ id: newId(), establishment_id: ctx.establishmentId, owner_id: ownerId, complexity_id: null, hazard_id: h.id })),
      ];
      if (items.length > 0) await tx.insertInto('scenario_items').values(items).execute();
    }
    if (s.pdf && ctx.deps) {
      const pdf = await writeDemoPdf(s.title);
      try {
        const deps = { ...ctx.deps, db: tx as typeof ctx.deps.db };
        const stored = await storeUpload(deps, ctx.establishmentId, { filename: s.pdf, tmpPath: pdf.file, size: pdf.size }, SCENARIO_ATTACHMENT_TYPES);
        await tx.insertInto('scenario_attachments').values({ id: newId(), establishment_id: ctx.establishmentId, scenario_id: id, file_id: stored.id, filename: s.pdf, created_at: at }).execute();
      } finally {
        await fs.promises.rm(pdf.dir, { recursive: true, force: true });
      }
    }
  }
}
