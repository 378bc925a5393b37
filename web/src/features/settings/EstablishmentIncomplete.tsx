import { MODULE_PATHS } from '@cerise/common';
import { Alert, Anchor, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';

/**
 * Creating a user by hand and sending mails need the establishment's name and e-mail
 * (docs/guide.md §3.4.2): says so, with the way to « Paramètres ».
 */
export function EstablishmentIncompleteNotice({ onNavigate }: { onNavigate?: () => void }) {
  const { establishment } = useCurrentUser();
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('settings.incomplete.title')} mb="md">
      <Text size="sm" mb="xs">
        {t('settings.incomplete.text')}
      </Text>
      <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.settings}`} onClick={onNavigate} fw={700} underline="always">
        {t('settings.incomplete.link')}
      </Anchor>
    </Alert>
  );
}
