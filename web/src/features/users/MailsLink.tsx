import { MODULE_PATHS } from '@cerise/common';
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';

/** « Voir les courriels »: the outbox, after a sentence saying that mails were queued. */
export function MailsLink() {
  const { establishment } = useCurrentUser();
  return (
    <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.settings}/courriels`} underline="always">
      {t('users.mailsLink')}
    </Anchor>
  );
}
