import { allocateLogin, baseLogin, EstablishmentSettingsSchema, schoolYearOf, type Profile } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { profileFlags } from '../auth/auth.presenter.ts';
import { hashPassword } from '../auth/passwords.ts';
import { findEstablishmentByUai, insertEstablishment } from '../establishments/establishments.repository.ts';
import { insertAccounts } from '../users/accounts.repository.ts';
import { newUserRow } from '../establishments/new-accounts.ts';
import { installDefaultReferential } from '../referentials/referentials.install.ts';
import { seedScenariosDemo } from '../scenarios/scenarios.demo.ts';
import { seedEvaluationsDemo } from '../evaluations/evaluations.demo.ts';
import { seedPassportDemo } from '../passport/passport.demo.ts';
import { seedDashboardDemo } from '../dashboard/dashboard.demo.ts';

export const DEMO_UAI = '0869999X';
export const DEMO_NAME = 'Lycée professionnel de démonstration';
export const DEMO_PASSWORD = 'cerise-demo';
export const DEMO_LOGINS: { login: string; profile: Profile; label: string }[] = [
  { login: 'demo.admin', profile: 'administrator', label: 'administrateur' },
  { login: 'demo.enseignant', profile: 'teacher', label: 'enseignant' },
  { login: 'demo.apprenant', profile: 'learner', label: 'apprenant' },
  { login: 'demo.parent', profile: 'parent', label: 'parent de demo.apprenant' },
];

/** Extra seeding steps that modules add as they land (scenarios, evaluations, passport…). */
export type DemoSeedStep = (tx: DbOrTx, ctx: DemoContext) => Promise<void>;
export type DemoContext = {
  establishmentId: string;
  schoolYear: string;
  at: string;
  users: Record<string, string>;
  divisions: Record<string, string>;
  /** For steps that store attachment bytes (pass `{ ...deps, db: tx }` to the files module). */
  deps?: Deps;
};
const extraSteps: DemoSeedStep[] = [];
export function registerDemoSeedStep(step: DemoSeedStep): void {
  extraSteps.push(step);
}

const LEARNERS: [string, string, string, string][] = [
  // division, first name, last name, birth date
  ['2GA1', 'Inès', 'Martin', '2010-03-14'],
  ['2GA1', 'Lucas', 'Bernard', '2010-07-02'],
  ['2GA1', 'Chloé', "N'Diaye", '2010-11-23'],
  ['2GA1', 'Noah', 'Lefèvre', '2009-12-30'],
  ['1GA1', 'Léa', 'Dubois', '2009-05-09'],
  ['1GA1', 'Hugo', 'Moreau', '2009-01-17'],
  ['1GA1', 'Jade', 'Œillet', '2008-09-28'],
];

/**
 * Creates the demo establishment (CONTRACT.md) when the database holds no establishment.
 * Returns false when there was something already.
 */
export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  const any = await deps.db.selectFrom('establishments').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await seedDemo(deps);
  return true;
}

export async function seedDemo(deps: Deps): Promise<void> {
  const at = nowIso(deps.now());
  const schoolYear = schoolYearOf(deps.now());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await deps.db.transaction().execute(async (tx) => {
    if (await findEstablishmentByUai(tx, DEMO_UAI)) return;
    const establishmentId = newId();
    await insertEstablishment(tx, {
      id: establishmentId,
      uai: DEMO_UAI,
      name: DEMO_NAME,
      email: 'ce.0869999x@ac-demo.fr',
      settings: JSON.stringify(EstablishmentSettingsSchema.parse({})),
      at,
    });
    await tx
      .updateTable('establishments')
      .set({ address: '1 rue de la République', postal_code: '86000', town: 'Poitiers', phone: '05 49 00 00 00', head_name: 'Mme Claire Proviseure' })
      .where('id', '=', establishmentId)
      .execute();
    await installDefaultReferential(tx, establishmentId, at);

    const divisions: Record<string, string> = {};
    for (const [code, label] of [
      ['2GA1', 'Seconde Gestion-Administration 1'],
      ['1GA1', 'Première Gestion-Administration 1'],
    ] as const) {
      divisions[code] = newId();
      await tx
        .insertInto('divisions')
        .values({ id: divisions[code]!, establishment_id: establishmentId, school_year: schoolYear, code, label, mef: null, hidden_at: null, created_at: at })
        .execute();
    }

    const users: Record<string, string> = {};
    const demoPeople: Record<string, { first: string; last: string; civility: string; birth: string }> = {
      'demo.admin': { first: 'Alice', last: 'Administratrice', civility: 'Mme', birth: '1975-02-11' },
      'demo.enseignant': { first: 'Étienne', last: 'Enseignant', civility: 'M.', birth: '1980-06-21' },
      'demo.apprenant': { first: 'Camille', last: 'Apprenante', civility: 'Mme', birth: '2009-04-05' },
      'demo.parent': { first: 'Pascal', last: 'Apprenante', civility: 'M.', birth: '1978-10-01' },
    };
    for (const d of DEMO_LOGINS) {
      const p = demoPeople[d.login]!;
      const row = newUserRow(
        {
          establishment_id: establishmentId,
          login: d.login,
          last_name: p.last,
          first_name: p.first,
          civility: p.civility,
          birth_date: p.birth,
          email: `${d.login}@demo.cerise.invalid`,
          source: 'manual',
          password_hash: passwordHash,
          discipline: d.profile === 'teacher' ? 'Économie-gestion' : null,
          ...profileFlags([d.profile]),
        },
        at,
      );
      users[d.login] = row.id;
      await insertAccounts(tx, [row]);
    }
    // demo.apprenant is in 1GA1; the teacher teaches both divisions; demo.parent is the legal guardian.
    await tx
      .insertInto('memberships')
      .values({ id: newId(), establishment_id: establishmentId, school_year: schoolYear, learner_id: users['demo.apprenant']!, division_id: divisions['1GA1']!, group_id: null })
      .execute();
    for (const code of ['2GA1', '1GA1']) {
      await tx
        .insertInto('teachings')
        .values({ id: newId(), establishment_id: establishmentId, school_year: schoolYear, teacher_id: users['demo.enseignant']!, division_id: divisions[code]!, group_id: null, discipline: 'Économie-gestion' })
        .execute();
    }
    await tx
      .insertInto('guardians')
      .values({ id: newId(), establishment_id: establishmentId, parent_id: users['demo.parent']!, learner_id: users['demo.apprenant']!, level: 1 })
      .execute();

    // A few imported-looking learners, with their initial password (jjmmaaaa) still to change.
    for (const [division, first, last, birth] of LEARNERS) {
      const login = allocateLogin(baseLogin(first, last), (l) => l in users);
      const row = newUserRow(
        {
          establishment_id: establishmentId,
          login,
          last_name: last.toUpperCase(),
          first_name: first,
          birth_date: birth,
          source: 'manual',
          initial_password_kind: 'birthdate_ddmmyyyy',
          must_change_password: 1,
          ...profileFlags(['learner']),
        },
        at,
      );
      users[login] = row.id;
      await insertAccounts(tx, [row]);
      await tx
        .insertInto('memberships')
        .values({ id: newId(), establishment_id: establishmentId, school_year: schoolYear, learner_id: row.id, division_id: divisions[division]!, group_id: null })
        .execute();
    }

    const ctx: DemoContext = { establishmentId, schoolYear, at, users, divisions, deps };
    // The teaching modules' demo content, in dependency order (evaluations from scenarios…).
    for (const step of [seedScenariosDemo, seedEvaluationsDemo, seedPassportDemo, seedDashboardDemo, ...extraSteps]) await step(tx, ctx);
  });
}
