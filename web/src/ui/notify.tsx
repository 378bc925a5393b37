import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { t } from '../app/i18n/t.ts';

/** A success message, announced (role="alert"), with an icon. */
export function notifySuccess(message: string): void {
  notifications.show({
    message,
    color: 'green',
    icon: <IconCheck aria-hidden="true" size={18} />,
    closeButtonProps: { 'aria-label': t('app.close') },
    autoClose: 6000,
  });
}
