import type { Profile } from '@cerise/common';
import { forbidden } from '../../http/errors.ts';

/** Who may do what with referentials. Routes declare these; use cases check them again. */

/** Every signed-in user of the establishment reads its referentials (the competency picker). */
export const READ_PROFILES: Profile[] = ['administrator', 'teacher', 'learner', 'parent'];

/** Only administrators complete, import and export them (Paramètres). */
export const EDIT_PROFILES: Profile[] = ['administrator'];

export function canEditReferentials(user: { profiles: readonly Profile[] }): boolean {
  return user.profiles.some((p) => EDIT_PROFILES.includes(p));
}

export function assertCanEditReferentials(user: { profiles: readonly Profile[] }): void {
  if (!canEditReferentials(user)) throw forbidden();
}
