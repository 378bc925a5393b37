import { MODULE_PATHS } from '@cerise/common';
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { useBackState } from '../settings/BackLink.tsx';

/** « Voir les courriels »: the outbox, after a sentence saying that mails were queued. */
export function MailsLink() {
  const { establishment } = useCurrentUser();
  const backState = useBackState();
  return (
    <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.settings}/courriels`} state={backState} underline="always">
      {t('users.mailsLink')}
    </Anchor>
  );
}
