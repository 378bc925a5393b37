import { MODULE_PATHS } from '@cerise/common';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';

/** « Retour aux paramètres », under the introduction of a page reached from « Paramètres ». */
export function BackToSettings() {
  const { establishment } = useCurrentUser();
  return (
    <Text size="sm" mb="md">
      <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.settings}`}>
        {t('admin.backToSettings')}
      </Anchor>
    </Text>
  );
}
