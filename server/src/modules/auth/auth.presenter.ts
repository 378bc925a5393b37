import { type MeResponse } from '@cerise/common/auth.schemas';
import { modulesForProfiles, type Profile } from '@cerise/common/profiles';
import type { SessionUser } from '../../context.ts';
import type { Flag } from '../../db/tables/foundation.ts';

type ProfileFlags = { is_administrator: Flag; is_teacher: Flag; is_learner: Flag; is_parent: Flag };

export function profilesOf(u: ProfileFlags): Profile[] {
  const out: Profile[] = [];
  if (u.is_administrator) out.push('administrator');
  if (u.is_teacher) out.push('teacher');
  if (u.is_learner) out.push('learner');
  if (u.is_parent) out.push('parent');
  return out;
}

export function profileFlags(profiles: readonly Profile[]): ProfileFlags {
  return {
    is_administrator: profiles.includes('administrator') ? 1 : 0,
    is_teacher: profiles.includes('teacher') ? 1 : 0,
    is_learner: profiles.includes('learner') ? 1 : 0,
    is_parent: profiles.includes('parent') ? 1 : 0,
  };
}

export type { SessionUser } from '../../context.ts';

export function presentMe(u: SessionUser): MeResponse {
  const user = {
    id: u.id,
    login: u.login,
    civility: u.civility,
    lastName: u.lastName,
    firstName: u.firstName,
    email: u.email,
    profiles: u.profiles,
    modules: modulesForProfiles(u.profiles),
    mustChangePassword: u.mustChangePassword,
  };
  return { ...user, user, establishment: { uai: u.uai, name: u.establishmentName } };
}
