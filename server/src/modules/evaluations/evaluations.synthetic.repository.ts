import type { Db } from '../../db/schema.ts';
import type { ResultLevel } from '../../db/tables/teaching.ts';
import { newId } from '../../util/ids.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';

/**
 * `cerise seed --evaluations M` (CONTRACT): M evaluations at scale for benchmarks, each by a
 * teacher of a class for the whole class × 12 competencies of the referential (some with a
 * complexity or a hazard), dated over the school year, about 97 % of the cells filled. Written
 * in batches of short transactions (SQLite has one writer).
 */

const LEVELS: ResultLevel[] = ['RT', 'RP', 'ECA', 'TE', 'RT', 'RP', 'NE', 'ABS', 'RP', 'RT', 'ECA', 'RP'];
const PER_EVALUATION = 12;

/** A small deterministic generator (mulberry32), so that the same seed gives the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedSyntheticEvaluations(db: Db, establishmentId: string, count: number, now: Date, seed = 2013): Promise<{ evaluations: number; results: number }> {
  const rand = random(seed);
  const schoolYear = await activeSchoolYear(db, establishmentId, now);
  const teachings = await db
    .selectFrom('teachings')
    .select(['teacher_id', 'division_id'])
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where('division_id', 'is not', null)
    .orderBy('id')
    .execute();
  const members = await db.selectFrom('memberships').select(['division_id', 'learner_id']).where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).execute();
  const competencies = await db.selectFrom('competencies').select('id').where('establishment_id', '=', establishmentId).orderBy('code').execute();
  const complexities = await db.selectFrom('complexities').select(['id', 'competency_id']).where('establishment_id', '=', establishmentId).execute();
  const hazards = await db.selectFrom('hazards').select(['id', 'competency_id']).where('establishment_id', '=', establishmentId).execute();
  const byDivision = new Map<string, string[]>();
  for (const m of members) if (m.division_id) byDivision.set(m.division_id, [...(byDivision.get(m.division_id) ?? []), m.learner_id]);
  const usable = teachings.filter((t) => (byDivision.get(t.division_id!) ?? []).length > 0);
  if (usable.length === 0 || competencies.length < PER_EVALUATION) throw new Error('no class with learners and teachers, or no referential: nothing to evaluate');
  const firstOf = (list: { id: string; competency_id: string }[], competencyId: string) => list.find((x) => x.competency_id === competencyId)?.id;

  const start = Date.parse(`${schoolYear.slice(0, 4)}-09-05T00:00:00Z`);
  const end = Math.max(start + 86_400_000, now.getTime());
  const at = now.toISOString();
  let results = 0;
  for (let i = 0; i < count; i += 10) {
    await db.transaction().execute(async (tx) => {
      for (let k = i; k < Math.min(count, i + 10); k++) {
        const teaching = usable[k % usable.length]!;
        const learners = byDivision.get(teaching.division_id!)!;
        const id = newId();
        const evaluatedOn = new Date(start + rand() * (end - start)).toISOString().slice(0, 10);
        await tx
          .insertInto('evaluations')
          .values({ id, establishment_id: establishmentId, author_id: teaching.teacher_id, scenario_id: null, title: `Évaluation synthétique ${k + 1}`, evaluated_on: evaluatedOn, school_year: schoolYear, is_visible: k % 2 === 0 ? 0 : 1, created_at: at, updated_at: at, version: 1 })
          .execute();
        const offset = Math.floor(rand() * competencies.length);
        const columns = Array.from({ length: PER_EVALUATION }, (_, j) => ({ id: newId(), competency_id: competencies[(offset + j * 5) % competencies.length]!.id }));
        const unique = columns.filter((c, j) => columns.findIndex((x) => x.competency_id === c.competency_id) === j);
        await tx.insertInto('evaluation_competencies').values(unique.map((c, j) => ({ ...c, establishment_id: establishmentId, evaluation_id: id, position: j + 1 }))).execute();
        const items = unique.flatMap((c, j) => {
          const complexity = j % 3 === 0 ? firstOf(complexities, c.competency_id) : undefined;
          const hazard = j % 4 === 1 ? firstOf(hazards, c.competency_id) : undefined;
          return [
            ...(complexity ? [{ id: newId(), establishment_id: establishmentId, owner_id: c.id, complexity_id: complexity, hazard_id: null }] : []),
            ...(hazard ? [{ id: newId(), establishment_id: establishmentId, owner_id: c.id, complexity_id: null, hazard_id: hazard }] : []),
          ];
        });
        if (items.length > 0) await tx.insertInto('evaluation_items').values(items).execute();
        await tx.insertInto('evaluation_learners').values(learners.map((l) => ({ id: newId(), establishment_id: establishmentId, evaluation_id: id, learner_id: l, comment: '', comment_version: 1 }))).execute();
        const rows = [];
        for (const l of learners) {
          for (const c of unique) {
            if (rand() < 0.03) continue;
            rows.push({
              id: newId(),
              establishment_id: establishmentId,
              evaluation_id: id,
              evaluation_competency_id: c.id,
              learner_id: l,
              competency_id: c.competency_id,
              level: LEVELS[Math.floor(rand() * LEVELS.length)]!,
              evaluated_on: evaluatedOn,
              recorded_at: at,
              recorded_by: teaching.teacher_id,
              version: 1,
            });
          }
        }
        for (let r = 0; r < rows.length; r += 500) await tx.insertInto('results').values(rows.slice(r, r + 500)).execute();
        results += rows.length;
      }
    });
  }
  return { evaluations: count, results };
}
