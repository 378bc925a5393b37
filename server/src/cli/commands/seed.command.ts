import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { tr } from '../i18n.ts';

export function seedCommand(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('seed')
    .description(tr('Créer des données synthétiques à grande échelle (bancs d’essai), par le vrai chemin d’import', 'Create synthetic data at scale (benchmarks), through the real import path'))
    .requiredOption('--uai <UAI>', tr('code UAI (l’établissement est créé s’il n’existe pas)', 'UAI code (the establishment is created if missing)'))
    .requiredOption('--learners <N>', tr('nombre d’apprenants', 'number of learners'))
    .option('--evaluations <M>', tr('nombre d’évaluations à créer, avec leurs résultats (une classe × 12 compétences chacune)', 'number of evaluations to create, with their results (a class × 12 competencies each)'))
    .action((opts: { uai: string; learners: string; evaluations?: string }) =>
      run(async () => {
        const learners = Number(opts.learners);
        if (!Number.isInteger(learners) || learners < 1 || learners > 50_000) throw new CliError(tr('--learners attend un nombre entier de 1 à 50 000.', '--learners expects a whole number from 1 to 50,000.'));
        const { UaiSchema } = await import('@cerise/common');
        const uai = UaiSchema.safeParse(opts.uai);
        if (!uai.success) throw new CliError(tr('Le code UAI doit comporter 7 chiffres suivis d’une lettre.', 'The UAI code is 7 digits and a letter.'));
        const evaluations = opts.evaluations === undefined ? 0 : Number(opts.evaluations);
        if (!Number.isInteger(evaluations) || evaluations < 0 || evaluations > 100_000) {
          throw new CliError(tr('--evaluations attend un nombre entier de 0 à 100 000.', '--evaluations expects a whole number from 0 to 100,000.'));
        }
        // Imported when the command runs, so `cerise --help` loads none of it (docs/performance.md).
        const [{ withRuntime }, { seedSynthetic }, { seedSyntheticEvaluations }, { findEstablishmentByUai }] = await Promise.all([
          import('../../runtime.ts'),
          import('../../modules/siecle/synthetic/seed.ts'),
          import('../../modules/evaluations/evaluations.synthetic.repository.ts'),
          import('../../modules/establishments/establishments.repository.ts'),
        ]);
        await withRuntime(async (deps) => {
          const r = await seedSynthetic(deps, { uai: uai.data, learners });
          const c = (x: typeof r.teachers) => x.created;
          console.log(
            tr(
              `${r.uai}${r.establishmentCreated ? ' (créé)' : ''} : ${c(r.teachers).teachers + c(r.teachers).heads} personnels, ${c(r.learners).learners} apprenants, ${c(r.learners).parents} parents créés.`,
              `${r.uai}${r.establishmentCreated ? ' (created)' : ''}: ${c(r.teachers).teachers + c(r.teachers).heads} staff, ${c(r.learners).learners} learners, ${c(r.learners).parents} parents created.`,
            ),
          );
          if (evaluations > 0) {
            const est = (await findEstablishmentByUai(deps.db, r.uai))!;
            const e = await seedSyntheticEvaluations(deps.db, est.id, evaluations, deps.now());
            console.log(tr(`${e.evaluations} évaluations et ${e.results} résultats créés.`, `${e.evaluations} evaluations and ${e.results} results created.`));
          }
        });
      }),
    );
}
