import { MODULE_PATHS } from '@cerise/common';
import { Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { moduleTitle } from '../home/module-tiles.ts';
import { backStateFor, backToOf } from './back-link.ts';

/**
 * The back link of a page reached from « Paramètres » and from other modules (Journal des
 * actions, Courriels): back to the page it was opened from, else to « Paramètres ».
 */
export function BackLink() {
  const { establishment } = useCurrentUser();
  const backTo = backToOf(useLocation().state);
  return (
    <Text size="sm" mb="md">
      {backTo && backTo.module !== 'settings' ? (
        <Anchor component={Link} to={{ pathname: backTo.pathname, search: backTo.search }}>
          {t('admin.backTo', { page: moduleTitle(backTo.module) })}
        </Anchor>
      ) : (
        <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.settings}`}>
          {t('admin.backToSettings')}
        </Anchor>
      )}
    </Text>
  );
}

/** The history state of a link to such a page: where the back link will lead. */
export function useBackState() {
  return backStateFor(useLocation());
}
