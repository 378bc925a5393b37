import { MODULE_PATHS, type ModuleId, type Profile } from '@cerise/common';
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

/**
 * Modules whose pages are not built yet (none today: the eight modules of docs/guide.md §1.2 are).
 * Their tile is drawn greyed, marked « Bientôt disponible », and is not a link; their address
 * shows a page saying so (app/routes.tsx).
 */
export const MODULES_IN_PREPARATION: readonly ModuleId[] = [];

export type HomeTile = { module: ModuleId; href: string | null };

/**
 * The home page's tiles: only the modules of the user's profiles (the server's list), each a
 * link to its French address, except the modules still in preparation.
 */
export function homeTiles(uai: string, modules: readonly ModuleId[], inPreparation: readonly ModuleId[] = MODULES_IN_PREPARATION): HomeTile[] {
  return modules.map((module) => ({ module, href: inPreparation.includes(module) ? null : `/${uai}/${MODULE_PATHS[module]}` }));
}

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
