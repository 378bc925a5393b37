import type { DbOrTx } from '../../db/schema.ts';
import type { ResultLevel, ReviewLevel } from '../../db/tables/teaching.ts';
import { newId } from '../../util/ids.ts';
import type { DemoContext } from '../demo/demo.seed.ts';
import { referentialFacts, seedEvaluation, seedSituation } from './dashboard.seed.repository.ts';

/*
 * The dashboard's part of the demo (CONTRACT: every screen shows something). On top of the
 * evaluations' and passport's demo data, results and reviews so that demo.apprenant's dashboard
 * shows every state (acquis, en cours, non acquis, preuves insuffisantes), evidence that did not
 * count (non évaluable, absent, beyond the last 6) and two school years of progress; and so that
 * the CCF table of 1GA1 shows one verdict of each kind: Léa prête for E31, Jade bientôt prête,
 * Hugo pas encore. Plus a saved filter of demo.enseignant.
 */

const day = (at: string, daysAgo: number) => new Date(Date.parse(at) - daysAgo * 86_400_000).toISOString().slice(0, 10);

const TITLES = [
  'Commande fournisseur Bureau Plus',
  'Relance des factures clients',
  'Mise à jour du fichier fournisseurs',
  'Suivi des livraisons de novembre',
  'Devis pour la mairie',
  'Règlements fournisseurs',
  'Tableau de trésorerie',
  'Accueil téléphonique des clients',
];

/** Per competency code, the levels in time order (undefined = not evaluated that time). */
type Plan = Record<string, (ResultLevel | undefined)[]>;

const APPRENANT_LAST_YEAR: Plan = { C111: ['ECA', 'RP'], C112: ['TE'], C121: ['ECA', 'ECA'], C122: ['TE', 'ECA'] };
const APPRENANT: Plan = {
  C111: ['RT', 'RP', 'RT'],
  C112: ['ECA', 'RP'],
  C113: ['TE', 'ECA'],
  C114: ['RP'],
  C115: ['NE', 'ABS', 'RT', 'RT'],
  C121: ['TE', 'RT', 'RP'],
  C122: ['TE', 'ECA', 'RP', 'RP', 'RT', 'RP', 'RT', 'RT'],
  C123: ['RP', 'RP'],
  C124: ['ECA', 'TE', 'ECA'],
  C131: ['RT', 'RT'],
  C311: ['RP', 'ECA'],
  C312: ['TE'],
  C411: ['RT', 'RP'],
};

export async function seedDashboardDemo(tx: DbOrTx, ctx: DemoContext): Promise<void> {
  const teacherId = ctx.users['demo.enseignant'];
  const apprenant = ctx.users['demo.apprenant'];
  if (!teacherId || !apprenant) return;
  const facts = await referentialFacts(tx, ctx.establishmentId);
  if (facts.competencies.length === 0) return;
  const byCode = new Map(facts.competencies.map((c) => [c.code, c]));
  const itemsOf = (competencyId: string) => ({
    complexityIds: facts.complexities.filter((x) => x.competency_id === competencyId).slice(0, 1).map((x) => x.id),
    hazardIds: facts.hazards.filter((x) => x.competency_id === competencyId).slice(0, 1).map((x) => x.id),
  });
  const pole1 = facts.competencies.filter((c) => c.pole_code === facts.competencies[0]!.pole_code);
  const learners: Record<string, string | undefined> = { lea: findLogin(ctx, 'Dubois'), hugo: findLogin(ctx, 'Moreau'), jade: findLogin(ctx, 'illet') };
  const startYear = Number(ctx.schoolYear.slice(0, 4));

  /** One evaluation per index of the plans: its competencies are those with a level at that index. */
  const seedPlans = async (plans: { learnerId: string; plan: Plan }[], dates: string[], schoolYear: string, withItems: boolean) => {
    for (let i = 0; i < dates.length; i++) {
      const codes = [...new Set(plans.flatMap((p) => Object.keys(p.plan).filter((code) => p.plan[code]![i] !== undefined)))].filter((code) => byCode.has(code));
      if (codes.length === 0) continue;
      await seedEvaluation(tx, {
        establishmentId: ctx.establishmentId,
        authorId: teacherId,
        title: TITLES[i % TITLES.length]!,
        evaluatedOn: dates[i]!,
        schoolYear,
        visible: i % 3 !== 2,
        at: `${dates[i]}T16:00:00.000Z`,
        competencies: codes.map((code) => ({ competencyId: byCode.get(code)!.id, ...(withItems && i % 2 === 0 ? itemsOf(byCode.get(code)!.id) : {}) })),
        results: plans.map((p) => ({ learnerId: p.learnerId, levels: codes.map((code) => p.plan[code]?.[i]) })),
      });
    }
  };
  const recent = Array.from({ length: 8 }, (_, i) => day(ctx.at, 70 - i * 9));
  const lastYear = [`${startYear}-01-20`, `${startYear}-03-16`, `${startYear}-05-11`];

  await seedPlans([{ learnerId: apprenant, plan: APPRENANT_LAST_YEAR }], lastYear, `${startYear - 1}-${startYear}`, false);
  const all = (levels: ResultLevel[]) => Object.fromEntries(pole1.map((c) => [c.code, levels]));
  const plans = [{ learnerId: apprenant, plan: APPRENANT }];
  if (learners.lea) plans.push({ learnerId: learners.lea, plan: all(['RP', 'RT', 'RT']) });
  if (learners.jade) plans.push({ learnerId: learners.jade, plan: Object.fromEntries(pole1.slice(0, Math.ceil(pole1.length * 0.6)).map((c) => [c.code, ['RP', 'RT'] as ResultLevel[]])) });
  if (learners.hugo) plans.push({ learnerId: learners.hugo, plan: { [pole1[0]!.code]: ['ECA'], [pole1[1]!.code]: ['TE'] } });
  await seedPlans(plans, recent, ctx.schoolYear, true);

  // Passport: Léa covers every class of pôle 1 with a success under a complexity; 9 BEP activities, 3 per dominante.
  const classes = [...new Map(pole1.map((c) => [c.class_id, c])).values()];
  const situation = async (learnerId: string, competencyId: string, title: string, daysAgo: number, level: ReviewLevel | null, bepActivityId: string | null, items: boolean) =>
    seedSituation(tx, {
      establishmentId: ctx.establishmentId,
      learnerId,
      competencyId,
      title,
      occurredOn: day(ctx.at, daysAgo + 3),
      at: `${day(ctx.at, daysAgo + 3)}T17:00:00.000Z`,
      bepActivityId,
      ...(items ? { complexityIds: facts.complexities.slice(0, 1).map((x) => x.id) } : {}),
      reviews: level ? [{ teacherId, level, reviewedOn: day(ctx.at, daysAgo), at: `${day(ctx.at, daysAgo)}T18:00:00.000Z` }] : [],
    });
  const bepByDomain = (domain: string) => facts.bepActivities.filter((b) => b.domain === domain);
  if (learners.lea) {
    for (const [i, c] of classes.entries()) await situation(learners.lea, c.id, `Stage : dossier ${c.class_code}`, 20 + i, 'RT', null, true);
    const nine = ['technique', 'organisationnelle', 'relationnelle'].flatMap((d) => bepByDomain(d).slice(0, 3));
    for (const [i, b] of nine.entries()) await situation(learners.lea, pole1[i % pole1.length]!.id, `Activité BEP ${b.code}`, 40 + i, i % 2 === 0 ? 'RT' : 'RP', b.id, false);
  }
  if (learners.jade) for (const c of classes.slice(1)) await situation(learners.jade, c.id, `Stage : ${c.class_code}`, 25, 'RP', null, false);
  const someBep = [...bepByDomain('technique').slice(0, 2), ...bepByDomain('relationnelle').slice(0, 1)];
  for (const [i, b] of someBep.entries()) await situation(apprenant, pole1[(i + 5) % pole1.length]!.id, `Activité BEP ${b.code}`, 12 + i, i === 0 ? 'RP' : null, b.id, false);

  // A saved filter of demo.enseignant: the competencies of the first class of situations.
  const filterId = newId();
  await tx.insertInto('dashboard_filters').values({ id: filterId, establishment_id: ctx.establishmentId, owner_id: teacherId, name: `Classe ${classes[0]!.class_code} : relations fournisseurs`, created_at: `${ctx.at.slice(0, 10)}T08:00:00.000Z`, updated_at: `${ctx.at.slice(0, 10)}T08:00:00.000Z` }).execute();
  await tx
    .insertInto('dashboard_filter_competencies')
    .values(pole1.filter((c) => c.class_id === classes[0]!.class_id).map((c) => ({ id: newId(), establishment_id: ctx.establishmentId, filter_id: filterId, competency_id: c.id })))
    .execute();
}

/** The demo learner whose login contains this bit of their last name (logins are built from names). */
function findLogin(ctx: DemoContext, part: string): string | undefined {
  const key = Object.keys(ctx.users).find((login) => login.toLowerCase().includes(part.toLowerCase()));
  return key ? ctx.users[key] : undefined;
}
