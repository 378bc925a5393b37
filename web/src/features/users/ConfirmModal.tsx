import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

type ConfirmModalProps = {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending?: boolean;
  /** An error of the last attempt, shown above the buttons. */
  error?: unknown;
  /** Red confirm button for actions that replace or hide something. */
  danger?: boolean;
};

/**
 * « Êtes-vous sûr ? »: a dialog with the consequences spelled out, « Annuler » (focused first,
 * the safe choice) and the action. Focus goes back to the button that opened it.
 */
export function ConfirmModal({ opened, title, children, confirmLabel, onConfirm, onClose, pending = false, error, danger = false }: ConfirmModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="lg">
      <Stack gap="md">
        {children}
        {error !== undefined && error !== null && <ErrorAlert error={error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('admin.cancel')}
          </Button>
          <Button
            color={danger ? 'red' : undefined}
            onClick={() => {
              if (!pending) onConfirm();
            }}
            aria-disabled={pending || undefined}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
