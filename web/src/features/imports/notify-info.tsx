import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { t } from '../../app/i18n/t.ts';

/** An information message, announced (role="alert"), with an icon. */
export function notifyInfo(message: string): void {
  notifications.show({
    message,
    color: 'blue',
    icon: <IconInfoCircle aria-hidden="true" size={18} />,
    closeButtonProps: { 'aria-label': t('app.close') },
    autoClose: 8000,
  });
}
