import { schoolYearOf, type SiecleImportReport } from '@cerise/common';
import type { Deps } from '../../../deps.ts';
import { findEstablishmentByUai } from '../../establishments/establishments.repository.ts';
import { createEstablishment } from '../../establishments/establishments.usecases.ts';
import { importDirect } from '../siecle.usecases.ts';
import { generateSiecleFiles, makeSchool } from './generate.ts';

export type SeedResult = { uai: string; establishmentCreated: boolean; teachers: SiecleImportReport; learners: SiecleImportReport };

/**
 * Synthetic data at scale (`cerise seed`), through the real import path: an invented school of
 * N learners (classes of ~28, two parents each, siblings sharing theirs) is generated as SIECLE
 * and STSWEB files, then imported. Running it again with the same N changes nothing.
 */
export async function seedSynthetic(deps: Deps, opts: { uai: string; learners: number; seed?: number }): Promise<SeedResult> {
  let establishmentCreated = false;
  if (!(await findEstablishmentByUai(deps.db, opts.uai))) {
    await createEstablishment(deps, { uai: opts.uai, name: `Lycée de test ${opts.uai.toUpperCase()}` });
    establishmentCreated = true;
  }
  const est = (await findEstablishmentByUai(deps.db, opts.uai))!;
  const year = Number(schoolYearOf(deps.now()).slice(0, 4));
  const n = opts.learners;
  const school = makeSchool({
    seed: opts.seed ?? 2012,
    uai: est.uai,
    schoolYear: year,
    learners: n,
    divisions: Math.max(1, Math.ceil(n / 28)),
    siblings: Math.floor(n / 6),
    contacts: Math.floor(n / 10),
  });
  const files = generateSiecleFiles(school);
  const teachers = await importDirect(deps, est.uai, 'teachers', { teachers: { name: `sts_emp_${est.uai}_${year}.xml`, bytes: files.sts } }, { dryRun: false });
  const learners = await importDirect(
    deps,
    est.uai,
    'learners',
    { eleves: { name: 'ElevesSansAdresses.xml', bytes: files.eleves }, responsables: { name: 'ResponsablesAvecAdresses.xml', bytes: files.responsables } },
    { dryRun: false },
  );
  return { uai: est.uai, establishmentCreated, teachers, learners };
}
