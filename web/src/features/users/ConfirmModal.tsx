import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { hasCode } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { EstablishmentIncompleteNotice } from '../settings/EstablishmentIncomplete.tsx';

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
  /** An error saying that the establishment's details are missing shows the way to fill them in. */
  explainIncomplete?: boolean;
};

/**
 * « Êtes-vous sûr ? »: a dialog with the consequences spelled out, « Annuler » (focused first,
 * the safe choice) and the action. Focus goes back to the button that opened it.
 */
export function ConfirmModal(props: ConfirmModalProps) {
  const { opened, title, children, confirmLabel, onConfirm, onClose, pending = false, error, danger = false, explainIncomplete = false } = props;
  const incomplete = explainIncomplete && hasCode(error, 'settings.establishment_incomplete');
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="lg">
      <Stack gap="md">
        {incomplete && <EstablishmentIncompleteNotice onNavigate={onClose} />}
        {children}
        {!incomplete && error !== undefined && error !== null && <ErrorAlert error={error} />}
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
