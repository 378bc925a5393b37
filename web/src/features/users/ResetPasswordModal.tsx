import type { User } from '@cerise/common';
import { Text } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { PasswordResetDialog } from './PasswordResetDialog.tsx';
import { useResetUserPassword } from './users.api.ts';

type ResetPasswordModalProps = {
  user: User;
  onClose: () => void;
};

/** « Réinitialiser le mot de passe » (docs/guide.md §3.2.2): by mail, or shown once with a letter to print. */
export function ResetPasswordModal({ user, onClose }: ResetPasswordModalProps) {
  const reset = useResetUserPassword(user.id);
  return (
    <PasswordResetDialog
      person={user}
      children={user.children.map((c) => `${c.firstName} ${c.lastName}`)}
      hint={user.profiles.includes('learner') ? <Text size="sm">{t('users.reset.learnerHint')}</Text> : undefined}
      reset={reset}
      onClose={onClose}
    />
  );
}
