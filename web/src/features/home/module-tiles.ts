import type { ModuleId, Profile } from '@cerise/common';
import {
  IconBook,
  IconChartBar,
  IconClipboardCheck,
  IconFileImport,
  IconId,
  IconKey,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { t } from '../../app/i18n/t.ts';

export const MODULE_ICONS: Record<ModuleId, Icon> = {
  imports: IconFileImport,
  users: IconUsers,
  access: IconKey,
  settings: IconSettings,
  scenarios: IconBook,
  evaluations: IconClipboardCheck,
  passport: IconId,
  dashboard: IconChartBar,
};

/** The module's name, as on its home-page tile and its page title (docs/guide.md §1.2). */
export function moduleTitle(module: ModuleId): string {
  return t(`modules.${module}.title`);
}

/** One line saying what the module does, for the user's profiles (docs/guide.md §1.2). */
export function moduleDescription(module: ModuleId, profiles: readonly Profile[]): string {
  const isTeacher = profiles.includes('teacher');
  const isLearner = profiles.includes('learner');
  switch (module) {
    case 'evaluations':
      if (isTeacher) return t('modules.evaluations.description');
      return isLearner ? t('modules.evaluations.descriptionLearner') : t('modules.evaluations.descriptionParent');
    case 'passport':
      return isTeacher || !isLearner ? t('modules.passport.description') : t('modules.passport.descriptionLearner');
    case 'dashboard':
      return isTeacher || isLearner ? t('modules.dashboard.description') : t('modules.dashboard.descriptionParent');
    default:
      return t(`modules.${module}.description`);
  }
}
