/*
 * Test fixtures of the administration modules (users, access, settings, audit): divisions,
 * memberships, guardians and signed-in administrators. Used by *.db.test.ts only.
 */
import crypto from 'node:crypto';
import { schoolYearOf, type Profile } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { TestClient, type TestContext } from '../../../test/harness.ts';

export const fixtureYear = (deps: Deps) => schoolYearOf(deps.now());

/** An establishment with its name and e-mail filled in (ready for mails and hand-made users). */
export async function makeReadyEstablishment(deps: Deps, name = `Lycée ${crypto.randomBytes(3).toString('hex')}`) {
  return makeEstablishment(deps, { name, email: `ce.${crypto.randomBytes(3).toString('hex')}@ac-test.fr` });
}

export async function makeClass(deps: Deps, establishmentId: string, code: string, p: { kind?: 'division' | 'group'; schoolYear?: string; label?: string } = {}) {
  const id = newId();
  await deps.db
    .insertInto(p.kind === 'group' ? 'groups' : 'divisions')
    .values({
      id,
      establishment_id: establishmentId,
      school_year: p.schoolYear ?? fixtureYear(deps),
      code,
      label: p.label ?? `Classe ${code}`,
      ...(p.kind === 'group' ? {} : { mef: null }),
      hidden_at: null,
      created_at: nowIso(deps.now()),
    } as never)
    .execute();
  return { id, code };
}

export async function addMembership(deps: Deps, establishmentId: string, learnerId: string, classId: string, kind: 'division' | 'group' = 'division') {
  await deps.db
    .insertInto('memberships')
    .values({
      id: newId(),
      establishment_id: establishmentId,
      school_year: fixtureYear(deps),
      learner_id: learnerId,
      division_id: kind === 'division' ? classId : null,
      group_id: kind === 'group' ? classId : null,
    })
    .execute();
}

export async function addTeaching(deps: Deps, establishmentId: string, teacherId: string, classId: string, discipline: string | null = null) {
  await deps.db
    .insertInto('teachings')
    .values({ id: newId(), establishment_id: establishmentId, school_year: fixtureYear(deps), teacher_id: teacherId, division_id: classId, group_id: null, discipline })
    .execute();
}

export async function addGuardian(deps: Deps, establishmentId: string, parentId: string, learnerId: string, level = 1) {
  await deps.db.insertInto('guardians').values({ id: newId(), establishment_id: establishmentId, parent_id: parentId, learner_id: learnerId, level }).execute();
}

/** A user of the establishment, signed in. */
export async function signedIn(ctx: TestContext, est: { id: string; uai: string }, profiles: Profile[] = ['administrator'], extra: Parameters<typeof makeUser>[2] = {}) {
  const user = await makeUser(ctx.deps, est.id, { profiles, ...extra });
  const client = new TestClient(ctx.app);
  await client.login(est.uai, user.login, DEFAULT_PASSWORD);
  return { user, client };
}

/** The mails queued for an address, oldest first. */
export function mailsTo(ctx: TestContext, to: string) {
  return ctx.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('created_at').orderBy('kind').execute();
}
