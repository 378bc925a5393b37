import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DbOrTx } from '../../db/schema.ts';
import type { ReviewLevel } from '../../db/tables/teaching.ts';
import { newId } from '../../util/ids.ts';
import type { DemoContext } from '../demo/demo.seed.ts';
import { storeUpload } from '../files/files.usecases.ts';
import { tinyPng } from './passport.photo.ts';

type DemoSituation = {
  code: string;
  title: string;
  daysAgo: number;
  place: string;
  context: string;
  conditions: string;
  done: string;
  produced: string;
  analysis: string;
  usage: string;
  bep?: string;
  photo?: boolean;
  review?: { level: ReviewLevel; appraisal: string; daysAgo: number; changedAfter?: boolean };
};

const SITUATIONS: DemoSituation[] = [
  {
    code: 'C323',
    title: 'Accueil téléphonique au secrétariat',
    daysAgo: 40,
    place: 'Mairie de Poitiers (PFMP)',
    context: 'Standard de la mairie, le lundi matin, forte affluence d’appels.',
    conditions: 'Poste téléphonique, annuaire interne, cahier de messages.',
    done: 'J’ai pris les appels, filtré les demandes et transmis les messages aux services.',
    produced: 'Douze fiches de messages téléphoniques.',
    analysis: 'J’ai dû reformuler plusieurs demandes pour bien les comprendre.',
    usage: 'Je sais maintenant orienter un appel vers le bon service.',
    bep: '3.2.3',
  },
  {
    code: 'C312',
    title: 'Rédaction d’un courrier de relance',
    daysAgo: 25,
    place: 'Lycée, salle 204',
    context: 'Un client n’a pas réglé sa facture à l’échéance.',
    conditions: 'Traitement de texte, modèle de lettre, extrait du compte client.',
    done: 'J’ai rédigé une lettre de relance amiable et je l’ai fait valider.',
    produced: 'Une lettre de relance (photographiée).',
    analysis: 'Le ton doit rester courtois tout en rappelant l’échéance.',
    usage: 'Je réutilise le modèle pour les relances suivantes.',
    bep: '3.1.2',
    photo: true,
  },
  {
    code: 'C112',
    title: 'Passation d’une commande de fournitures',
    daysAgo: 20,
    place: 'Lycée, entreprise d’application',
    context: 'Réassort des fournitures de bureau du service.',
    conditions: 'Catalogue du fournisseur, bon de commande, budget de 300 €.',
    done: 'J’ai comparé deux fournisseurs puis établi le bon de commande.',
    produced: 'Un bon de commande et un tableau comparatif.',
    analysis: 'J’avais oublié les frais de port dans le premier calcul.',
    usage: 'Je vérifie désormais toutes les conditions de vente.',
    review: { level: 'ECA', appraisal: 'Comparatif incomplet : revoir les conditions de livraison.', daysAgo: 15, changedAfter: true },
  },
  {
    code: 'C113',
    title: 'Contrôle d’une livraison et de sa facture',
    daysAgo: 12,
    place: 'Cabinet comptable (PFMP)',
    context: 'Réception d’une livraison de papier et de toner.',
    conditions: 'Bon de commande, bon de livraison, facture du fournisseur.',
    done: 'J’ai rapproché le bon de livraison de la commande puis contrôlé la facture.',
    produced: 'Une fiche de contrôle et un courriel au fournisseur pour un écart de quantité.',
    analysis: 'J’ai repéré un écart de deux cartons et l’ai signalé avant de valider la facture.',
    usage: 'Je contrôle désormais chaque ligne avant de viser une facture.',
    review: { level: 'RT', appraisal: 'Contrôle rigoureux, écart bien signalé au fournisseur.', daysAgo: 9 },
  },
  {
    code: 'C322',
    title: 'Tri et enregistrement du courrier arrivé',
    daysAgo: 8,
    place: 'Mairie de Poitiers (PFMP)',
    context: 'Courrier du jour à enregistrer et distribuer.',
    conditions: 'Registre du courrier, tampon dateur.',
    done: 'J’ai ouvert, daté, enregistré et distribué le courrier.',
    produced: 'Le registre du jour complété.',
    analysis: '',
    usage: '',
  },
  {
    code: 'C111',
    title: 'Mise à jour du fichier fournisseurs',
    daysAgo: 5,
    place: 'Lycée, salle 204',
    context: 'Fichier fournisseurs incomplet dans le progiciel.',
    conditions: 'Progiciel de gestion, fiches fournisseurs papier.',
    done: 'J’ai complété les coordonnées de huit fournisseurs.',
    produced: 'Huit fiches fournisseurs à jour.',
    analysis: '',
    usage: '',
  },
];

const day = (at: string, daysAgo: number) => new Date(Date.parse(at) - daysAgo * 86_400_000).toISOString();

/**
 * The passport module's part of the demo establishment (CONTRACT: every screen shows
 * something): demo.apprenant has 6 situations — two attached to BEP MSA activities, one with a
 * photo, two reviewed by demo.enseignant (different levels, with complexities and hazards, one
 * changed since) — and demo.enseignant has blocked the competency C111 for them.
 */
export async function seedPassportDemo(tx: DbOrTx, ctx: DemoContext): Promise<void> {
  const learnerId = ctx.users['demo.apprenant'];
  const teacherId = ctx.users['demo.enseignant'];
  if (!learnerId || !teacherId) return;
  const base = { establishment_id: ctx.establishmentId };
  const bep = await tx.selectFrom('bep_activities').select(['id', 'suggested_situation_codes']).where('establishment_id', '=', ctx.establishmentId).orderBy('position').execute();

  for (const s of SITUATIONS) {
    const competency = await tx
      .selectFrom('competencies')
      .select(['id'])
      .where('establishment_id', '=', ctx.establishmentId)
      .where('code', '=', s.code)
      .executeTakeFirst();
    if (!competency) continue;
    const [complexity] = await tx.selectFrom('complexities').select('id').where('competency_id', '=', competency.id).orderBy('position').limit(1).execute();
    const [hazard] = await tx.selectFrom('hazards').select('id').where('competency_id', '=', competency.id).orderBy('position').limit(1).execute();
    const bepActivity = s.bep ? (bep.find((b) => b.suggested_situation_codes.includes(`"${s.bep}"`)) ?? bep[0]) : undefined;
    const id = newId();
    const created = day(ctx.at, s.daysAgo);
    const changed = s.review?.changedAfter ? day(ctx.at, s.review.daysAgo - 2) : created;
    await tx
      .insertInto('passport_situations')
      .values({
        ...base,
        id,
        learner_id: learnerId,
        title: s.title,
        occurred_on: created.slice(0, 10),
        place: s.place,
        context: s.context,
        conditions: s.conditions,
        competency_id: competency.id,
        done_text: s.done,
        produced_text: s.produced,
        analysis_text: s.analysis,
        usage_text: s.usage,
        bep_activity_id: bepActivity?.id ?? null,
        bep_text: bepActivity ? 'Activité réalisée en autonomie partielle, avec l’aide de la tutrice.' : '',
        content_changed_at: changed,
        created_at: created,
        updated_at: changed,
        version: s.review?.changedAfter ? 2 : 1,
      })
      .execute();
    const items = [
      ...(complexity ? [{ ...base, id: newId(), owner_id: id, complexity_id: complexity.id, hazard_id: null }] : []),
      ...(hazard && s.review ? [{ ...base, id: newId(), owner_id: id, complexity_id: null, hazard_id: hazard.id }] : []),
    ];
    if (items.length > 0) await tx.insertInto('passport_items').values(items).execute();
    if (s.review) {
      const at = day(ctx.at, s.review.daysAgo);
      await tx
        .insertInto('passport_reviews')
        .values({ ...base, id: newId(), situation_id: id, teacher_id: teacherId, level: s.review.level, appraisal: s.review.appraisal, reviewed_on: at.slice(0, 10), created_at: at })
        .execute();
    }
    if (s.photo && ctx.deps) await attachPhoto(tx, { ...ctx, deps: ctx.deps }, id, created);
  }

  const blocked = await tx.selectFrom('competencies').select('id').where('establishment_id', '=', ctx.establishmentId).where('code', '=', 'C111').executeTakeFirst();
  if (blocked) {
    await tx
      .insertInto('blocked_competencies')
      .values({ ...base, id: newId(), learner_id: learnerId, competency_id: blocked.id, teacher_id: teacherId, blocked_at: day(ctx.at, 2) })
      .execute();
  }
}

/** A photo of the learner's work, stored through the files module like an upload. */
async function attachPhoto(tx: DbOrTx, ctx: DemoContext & { deps: NonNullable<DemoContext['deps']> }, situationId: string, at: string) {
  const bytes = tinyPng(160, 120);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cerise-demo-'));
  const tmpPath = path.join(dir, 'photo.png');
  try {
    await fs.promises.writeFile(tmpPath, bytes, { mode: 0o600 });
    const deps = { ...ctx.deps, db: tx as typeof ctx.deps.db };
    const file = await storeUpload(deps, ctx.establishmentId, { filename: 'courrier-relance.png', tmpPath, size: bytes.length }, ['image/png']);
    await tx
      .insertInto('passport_attachments')
      .values({ id: newId(), establishment_id: ctx.establishmentId, situation_id: situationId, file_id: file.id, filename: 'courrier-relance.png', part: 'bacpro', created_at: at })
      .execute();
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
