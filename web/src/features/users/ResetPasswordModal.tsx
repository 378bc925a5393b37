import type { User, UserPasswordResetResponse } from '@cerise/common';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ConfirmModal } from './ConfirmModal.tsx';
import { DoneView } from './DoneView.tsx';
import { personName } from './format.ts';
import { MailsLink } from './MailsLink.tsx';
import { useResetUserPassword } from './users.api.ts';

type ResetPasswordModalProps = {
  user: User;
  onClose: () => void;
  /** No e-mail known: the way to fill it in. */
  onEdit: () => void;
};

/** « Réinitialiser le mot de passe » (docs/guide.md §3.2.2): e-mail required, confirm, two mails. */
export function ResetPasswordModal({ user, onClose, onEdit }: ResetPasswordModalProps) {
  const reset = useResetUserPassword();
  const [done, setDone] = useState<UserPasswordResetResponse | null>(null);
  const name = personName(user);

  if (!user.canResetPassword) {
    return (
      <Modal opened onClose={onClose} title={t('users.reset.title', { name })} centered size="lg">
        <Stack gap="md">
          <Text>{t('users.reset.noEmail')}</Text>
          {user.profiles.includes('learner') && <Text size="sm">{t('users.reset.learnerHint')}</Text>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('admin.close')}
            </Button>
            <Button onClick={onEdit} data-autofocus>
              {t('users.reset.addEmail')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  if (done) {
    return (
      <Modal opened onClose={onClose} title={t('users.reset.title', { name })} centered size="lg">
        <DoneView message={t('users.reset.done', { name, count: done.mailsQueued, email: done.email })} onClose={onClose}>
          <Text size="sm">
            {t('users.reset.mailsNote')} <MailsLink />
          </Text>
        </DoneView>
      </Modal>
    );
  }

  return (
    <ConfirmModal
      opened
      title={t('users.reset.title', { name })}
      confirmLabel={t('users.reset.confirm')}
      onConfirm={() => reset.mutate(user.id, { onSuccess: setDone })}
      onClose={onClose}
      pending={reset.isPending}
      error={reset.error}
      danger
      explainIncomplete
    >
      <Text>{t('users.reset.text', { name, email: user.email ?? '' })}</Text>
      <Text size="sm">{t('users.reset.consequences')}</Text>
    </ConfirmModal>
  );
}
