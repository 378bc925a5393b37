import { notifications } from '@mantine/notifications';
import { IconCheck, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { t } from '../app/i18n/t.ts';

/** A message announced (role="alert"), with an icon and a close button named in French. */
function notify(message: string, color: string, icon: ReactNode, autoClose: number): void {
  notifications.show({ message, color, icon, closeButtonProps: { 'aria-label': t('app.close') }, autoClose });
}

/** A success message, announced (role="alert"), with an icon. */
export function notifySuccess(message: string): void {
  notify(message, 'green', <IconCheck aria-hidden="true" size={18} />, 6000);
}

/** An information message, announced (role="alert"), with an icon. */
export function notifyInfo(message: string): void {
  notify(message, 'blue', <IconInfoCircle aria-hidden="true" size={18} />, 8000);
}
