import type { DbOrTx } from '../../db/schema.ts';
import type { ResultLevel } from '../../db/tables/teaching.ts';
import { newId } from '../../util/ids.ts';
import type { DemoContext } from '../demo/demo.seed.ts';

/**
 * The evaluations module's part of the demo establishment (CONTRACT: every screen shows
 * something): ten evaluations of 1GA1 (demo.apprenant's class) spread over the school year, most
 * made visible, with every level and complexities and hazards for the dashboard; two of 2GA1.
 */

const TITLES_1GA1 = [
  'Accueil physique des visiteurs',
  'Appels téléphoniques entrants',
  'Tenue de l’agenda du service',
  'Courrier arrivé : tri et enregistrement',
  'Gestion des stocks de fournitures',
  'Préparation d’une réunion',
  'Suivi des commandes clients',
  'Relances des factures impayées',
  'Classement et archivage',
  'Compte rendu de réunion',
];
const TITLES_2GA1 = ['Découverte du poste de travail', 'Premier accueil téléphonique'];
// demo.apprenant's levels, in order: all six, mostly successes, so the dashboard has something to say.
const LEARNER_LEVELS: ResultLevel[] = ['RT', 'RP', 'ECA', 'RT', 'TE', 'RP', 'RT', 'NE', 'RP', 'ABS', 'RT', 'ECA', 'RP', 'RT', 'RT', 'TE', 'RP', 'RT'];
const OTHERS: ResultLevel[] = ['RP', 'RT', 'ECA', 'RP', 'TE', 'RT', 'RP', 'ECA', 'NE', 'RT'];

export async function seedEvaluationsDemo(tx: DbOrTx, ctx: DemoContext): Promise<void> {
  const teacherId = ctx.users['demo.enseignant'];
  const learnerId = ctx.users['demo.apprenant'];
  if (!teacherId || !learnerId) return;
  const competencies = await tx
    .selectFrom('competencies')
    .select(['id', 'code'])
    .where('establishment_id', '=', ctx.establishmentId)
    .orderBy('code')
    .execute();
  if (competencies.length === 0) return;
  const items = async (table: 'complexities' | 'hazards', competencyId: string) =>
    (await tx.selectFrom(table).select('id').where('competency_id', '=', competencyId).orderBy('position').execute()).map((r) => r.id);
  const scenario = await tx.selectFrom('scenarios').select('id').where('establishment_id', '=', ctx.establishmentId).orderBy('created_at').limit(1).executeTakeFirst();

  const start = Date.parse(`${ctx.schoolYear.slice(0, 4)}-09-10T00:00:00Z`);
  const end = Math.max(start, Date.parse(ctx.at) - 86_400_000);
  const dayOf = (i: number, n: number) => new Date(start + Math.round(((end - start) * i) / Math.max(1, n - 1))).toISOString().slice(0, 10);
  let learnerStep = 0;
  let otherStep = 0;

  const plan = [
    ...TITLES_1GA1.map((title, i) => ({ title, division: '1GA1', i, n: TITLES_1GA1.length, visible: i % 4 !== 3 })),
    ...TITLES_2GA1.map((title, i) => ({ title, division: '2GA1', i: i + 6, n: TITLES_1GA1.length, visible: true })),
  ];
  for (const p of plan) {
    const divisionId = ctx.divisions[p.division];
    if (!divisionId) continue;
    const learners = (await tx.selectFrom('memberships').select('learner_id').where('division_id', '=', divisionId).where('school_year', '=', ctx.schoolYear).execute()).map((r) => r.learner_id);
    if (learners.length === 0) continue;
    const id = newId();
    const evaluatedOn = dayOf(p.i, p.n);
    await tx
      .insertInto('evaluations')
      .values({
        id,
        establishment_id: ctx.establishmentId,
        author_id: teacherId,
        scenario_id: p.i === 1 && p.division === '1GA1' ? (scenario?.id ?? null) : null,
        title: p.title,
        evaluated_on: evaluatedOn,
        school_year: ctx.schoolYear,
        is_visible: p.visible ? 1 : 0,
        created_at: ctx.at,
        updated_at: ctx.at,
        version: 1,
      })
      .execute();
    const count = 2 + (p.i % 3);
    const columns: { columnId: string; competencyId: string }[] = [];
    for (let k = 0; k < count; k++) {
      // A few competencies come back often, so the dashboard has several pieces of evidence for each.
      const pool = competencies.slice(0, Math.min(8, competencies.length));
      const c = pool[(p.i * 2 + k * 3) % pool.length]!;
      if (columns.some((x) => x.competencyId === c.id)) continue;
      const columnId = newId();
      columns.push({ columnId, competencyId: c.id });
      await tx.insertInto('evaluation_competencies').values({ id: columnId, establishment_id: ctx.establishmentId, evaluation_id: id, competency_id: c.id, position: k + 1 }).execute();
      // Every other column applies a complexity, every third a hazard.
      const [complexity] = k % 2 === 0 ? await items('complexities', c.id) : [];
      const [hazard] = (p.i + k) % 3 === 0 ? await items('hazards', c.id) : [];
      if (complexity) await tx.insertInto('evaluation_items').values({ id: newId(), establishment_id: ctx.establishmentId, owner_id: columnId, complexity_id: complexity, hazard_id: null }).execute();
      if (hazard) await tx.insertInto('evaluation_items').values({ id: newId(), establishment_id: ctx.establishmentId, owner_id: columnId, complexity_id: null, hazard_id: hazard }).execute();
    }
    for (const learner of learners) {
      const isDemo = learner === learnerId;
      const comment = isDemo ? (p.i % 2 === 0 ? 'Travail sérieux ; soignez la présentation.' : 'Bonne progression, continuez ainsi.') : '';
      await tx.insertInto('evaluation_learners').values({ id: newId(), establishment_id: ctx.establishmentId, evaluation_id: id, learner_id: learner, comment, comment_version: 1 }).execute();
      const rows = columns.map((col) => ({
        id: newId(),
        establishment_id: ctx.establishmentId,
        evaluation_id: id,
        evaluation_competency_id: col.columnId,
        learner_id: learner,
        competency_id: col.competencyId,
        level: isDemo ? LEARNER_LEVELS[learnerStep++ % LEARNER_LEVELS.length]! : OTHERS[otherStep++ % OTHERS.length]!,
        evaluated_on: evaluatedOn,
        recorded_at: `${evaluatedOn}T16:00:00.000Z`,
        recorded_by: teacherId,
        version: 1,
      }));
      await tx.insertInto('results').values(rows).execute();
    }
  }
}
